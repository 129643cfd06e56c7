package dev.warden.engines.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.documents.DocumentsConfiguration;
import dev.warden.engines.events.ChainVerifier;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.IndexPurgeConfiguration;
import dev.warden.engines.killswitch.KillSwitchConfiguration;
import dev.warden.engines.logarchive.LogArchiveConfiguration;
import dev.warden.engines.objects.ObjectStoreConfiguration;
import dev.warden.engines.opensearch.OpenSearchConfiguration;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeDeadlines;
import dev.warden.engines.purge.PurgeDecisions;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.quota.QuotaConfiguration;
import dev.warden.engines.receipt.ReceiptConfiguration;
import dev.warden.engines.receipt.ReceiptSigner;
import dev.warden.engines.s3.S3Configuration;
import dev.warden.engines.upload.UploadConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engines' adapters as beans; both apps import this one configuration. {@code s3} and {@code
 * opensearch} wire the one client of each; each feature package wires its own stores on them; the
 * PostgreSQL stores shared by the purge are here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WardenProperties.class)
@Import({
  S3Configuration.class,
  ObjectStoreConfiguration.class,
  LogArchiveConfiguration.class,
  UploadConfiguration.class,
  OpenSearchConfiguration.class,
  IndexPurgeConfiguration.class,
  DocumentsConfiguration.class,
  KillSwitchConfiguration.class,
  QuotaConfiguration.class,
  ReceiptConfiguration.class
})
public class EnginesConfiguration {

  @Bean
  DatasetEventStore datasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    return new DatasetEventStore(jdbc, json);
  }

  @Bean
  ChainVerifier chainVerifier(JdbcClient jdbc, DatasetEventStore events) {
    return new ChainVerifier(jdbc, events);
  }

  @Bean
  LegalHoldStore legalHoldStore(JdbcClient jdbc) {
    return new LegalHoldStore(jdbc);
  }

  @Bean
  PurgeRecordStore purgeRecordStore(
      JdbcClient jdbc, WardenProperties properties, ReceiptSigner signer) {
    return new PurgeRecordStore(jdbc, properties.purge().deadline(), signer);
  }

  @Bean
  PurgeDeadlines purgeDeadlines(JdbcClient jdbc, PurgeRecordStore purges) {
    return new PurgeDeadlines(jdbc, purges);
  }

  @Bean
  PurgeDecisions purgeDecisions(JdbcClient jdbc) {
    return new PurgeDecisions(jdbc);
  }

  @Bean
  TenantLocks tenantLocks(JdbcClient jdbc) {
    return new TenantLocks(jdbc);
  }
}
