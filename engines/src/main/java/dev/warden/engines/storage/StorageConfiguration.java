package dev.warden.engines.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The one S3 client and the object stores built on it. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

  /**
   * Longest presigned upload URL lifetime accepted: a purge admitted right after a presign waits
   * the URL out before deleting (PurgeRecordStore#admit), so this bounds that wait.
   */
  static final Duration MAX_UPLOAD_URL_TTL = Duration.ofHours(1);

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
  StorageProgress storageProgress(JdbcClient jdbc) {
    return new StorageProgress(jdbc);
  }

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

  /**
   * Presigned uploads; {@code warden.upload-url-ttl} ({@code WARDEN_UPLOAD_URL_TTL}, default 15
   * minutes: long enough for a slow client to start a large upload, short enough to be worthless
   * later) is checked here so a bad value stops the app at start-up.
   */
  @Bean(destroyMethod = "close")
  UploadPresigner uploadPresigner(
      WardenProperties properties,
      S3Client s3,
      @Value("${warden.upload-url-ttl:PT15M}") Duration urlTtl) {
    return new UploadPresigner(
        UploadPresigner.presigner(properties.s3()),
        s3,
        properties.s3().bucket(),
        checkedTtl(urlTtl));
  }

  static Duration checkedTtl(Duration ttl) {
    if (ttl == null
        || ttl.compareTo(Duration.ofSeconds(1)) < 0
        || ttl.compareTo(MAX_UPLOAD_URL_TTL) > 0) {
      throw new IllegalStateException(
          ("WARDEN_UPLOAD_URL_TTL must be between PT1S and %s, was %s: a purge waits out every"
                  + " upload URL issued before it was admitted before it deletes anything, so the"
                  + " URL lifetime bounds how long a purge can be postponed")
              .formatted(MAX_UPLOAD_URL_TTL, ttl));
    }
    return ttl;
  }
}
