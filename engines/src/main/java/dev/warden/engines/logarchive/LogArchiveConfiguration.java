package dev.warden.engines.logarchive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.objects.TenantObjectStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The shared log archives: their store, their index and the runs that fill it. */
@Configuration(proxyBeanMethods = false)
public class LogArchiveConfiguration {

  @Bean
  PgArchiveIndex archiveIndex(JdbcClient jdbc, WardenProperties properties) {
    return new PgArchiveIndex(jdbc, properties.s3().bucket());
  }

  @Bean
  LogArchiveStore logArchiveStore(
      S3Client s3,
      WardenProperties properties,
      ObjectMapper json,
      JdbcClient jdbc,
      PgArchiveIndex index) {
    return new LogArchiveStore(
        s3,
        properties.s3().bucket(),
        json,
        new ArchiveLeases(jdbc),
        index,
        TenantObjectStore.MAX_BATCH);
  }

  @Bean
  ArchiveIndexRuns archiveIndexRuns(
      S3Client s3,
      WardenProperties properties,
      ObjectMapper json,
      DataSource dataSource,
      PgArchiveIndex index,
      DatasetEventStore events) {
    ArchiveIndexer indexer =
        new ArchiveIndexer(s3, properties.s3().bucket(), json, index, TenantObjectStore.MAX_BATCH);
    return new ArchiveIndexRuns(dataSource, indexer, index, events, Clock.systemUTC());
  }
}
