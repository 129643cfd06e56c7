package dev.warden.engines.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.IndexConfiguration;
import dev.warden.engines.killswitch.KillSwitchConfiguration;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeDeadlines;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.quota.QuotaConfiguration;
import dev.warden.engines.storage.StorageConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engines' adapters as beans; both apps import this one configuration. Each adapter package
 * wires its own client (storage: AWS SDK, index: OpenSearch); the PostgreSQL stores are here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WardenProperties.class)
@Import({
  StorageConfiguration.class,
  IndexConfiguration.class,
  KillSwitchConfiguration.class,
  QuotaConfiguration.class
})
public class EnginesConfiguration {

  @Bean
  DatasetEventStore datasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    return new DatasetEventStore(jdbc, json);
  }

  @Bean
  LegalHoldStore legalHoldStore(JdbcClient jdbc) {
    return new LegalHoldStore(jdbc);
  }

  @Bean
  PurgeRecordStore purgeRecordStore(JdbcClient jdbc, WardenProperties properties) {
    return new PurgeRecordStore(jdbc, properties.purge().deadline());
  }

  @Bean
  PurgeDeadlines purgeDeadlines(JdbcClient jdbc, PurgeRecordStore purges) {
    return new PurgeDeadlines(jdbc, purges);
  }

  @Bean
  TenantLocks tenantLocks(JdbcClient jdbc) {
    return new TenantLocks(jdbc);
  }
}
