package dev.warden.engines.objects;

import dev.warden.engines.config.WardenProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The tenant object stores (plain and versioned buckets) and their recorded progress. */
@Configuration(proxyBeanMethods = false)
public class ObjectStoreConfiguration {

  @Bean
  TenantObjectStore tenantObjectStore(S3Client s3, WardenProperties properties) {
    return new TenantObjectStore(s3, properties.s3().bucket());
  }

  @Bean
  VersionedObjectStore versionedObjectStore(S3Client s3, WardenProperties properties) {
    return new VersionedObjectStore(s3, properties.s3().bucket());
  }

  @Bean
  StorageProgress storageProgress(JdbcClient jdbc) {
    return new StorageProgress(jdbc);
  }
}
