package dev.warden.engines.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The quota ledger and the upload reservations for both apps. Imported by {@code
 * EnginesConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuotaProperties.class)
public class QuotaConfiguration {

  @Bean
  QuotaLedger quotaLedger(
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      ObjectMapper json,
      QuotaProperties properties) {
    return new QuotaLedger(
        jdbc,
        new TransactionTemplate(transactions),
        json,
        properties.defaults(),
        Clock.systemUTC());
  }

  @Bean
  QuotaReservations quotaReservations(
      QuotaLedger ledger, JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new QuotaReservations(
        ledger, jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
  }
}
