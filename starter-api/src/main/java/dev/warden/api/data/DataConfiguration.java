package dev.warden.api.data;

import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.index.TenantDocumentStore;
import dev.warden.engines.storage.UploadPresigner;
import java.time.Duration;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/** The engines' adapters behind the data routes, on the same clients as the rest of the app. */
@Configuration(proxyBeanMethods = false)
class DataConfiguration {

  /** Long enough for a slow client to start a large upload, short enough to be worthless later. */
  static final Duration UPLOAD_URL_TTL = Duration.ofMinutes(15);

  @Bean(destroyMethod = "close")
  UploadPresigner uploadPresigner(WardenProperties properties, S3Client s3) {
    return new UploadPresigner(
        UploadPresigner.presigner(properties.s3()), s3, properties.s3().bucket(), UPLOAD_URL_TTL);
  }

  @Bean
  TenantDocumentStore tenantDocumentStore(OpenSearchClient openSearch) {
    return new TenantDocumentStore(openSearch);
  }
}
