package dev.warden.engines.reconcile;

import dev.warden.engines.config.WardenProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/** The reconciliation's stores, for the worker (which runs it) and the API (which reports it). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
public class ReconcileConfiguration {

  @Bean
  ReconciliationRuns reconciliationRuns(JdbcClient jdbc) {
    return new ReconciliationRuns(jdbc, Clock.systemUTC());
  }

  @Bean
  ReconciliationTenants reconciliationTenants(JdbcClient jdbc) {
    return new ReconciliationTenants(jdbc, Clock.systemUTC());
  }

  @Bean
  LedgerCorrections ledgerCorrections(JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new LedgerCorrections(jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
  }

  @Bean
  UsageSweep usageSweep(S3Client s3, WardenProperties properties) {
    return new UsageSweep(s3, properties.s3().bucket());
  }
}
