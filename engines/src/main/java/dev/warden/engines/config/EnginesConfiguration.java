package dev.warden.engines.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.OpenSearchClients;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchConfiguration;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaConfiguration;
import dev.warden.engines.storage.LogArchiveStore;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.storage.VersionedObjectStore;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The engines' adapters as beans; both apps import this one configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WardenProperties.class)
@Import({KillSwitchConfiguration.class, QuotaConfiguration.class})
public class EnginesConfiguration {

  @Bean(destroyMethod = "close")
  S3Client s3Client(WardenProperties properties) {
    WardenProperties.S3 s3 = properties.s3();
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .forcePathStyle(s3.pathStyle())
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
        .build();
  }

  @Bean
  TenantObjectStore tenantObjectStore(S3Client s3, WardenProperties properties) {
    return new TenantObjectStore(s3, properties.s3().bucket());
  }

  @Bean
  VersionedObjectStore versionedObjectStore(S3Client s3, WardenProperties properties) {
    return new VersionedObjectStore(s3, properties.s3().bucket());
  }

  @Bean
  LogArchiveStore logArchiveStore(S3Client s3, WardenProperties properties, ObjectMapper json) {
    return new LogArchiveStore(s3, properties.s3().bucket(), json);
  }

  @Bean
  OpenSearchClient openSearchClient(WardenProperties properties) {
    return OpenSearchClients.create(properties.openSearch().url());
  }

  @Bean
  TenantIndexStore tenantIndexStore(OpenSearchClient client) {
    return new TenantIndexStore(client);
  }

  @Bean
  DatasetEventStore datasetEventStore(JdbcClient jdbc, ObjectMapper json) {
    return new DatasetEventStore(jdbc, json);
  }

  @Bean
  LegalHoldStore legalHoldStore(JdbcClient jdbc) {
    return new LegalHoldStore(jdbc);
  }

  @Bean
  PurgeRecordStore purgeRecordStore(JdbcClient jdbc) {
    return new PurgeRecordStore(jdbc);
  }
}
