package dev.warden.engines.upload;

import dev.warden.engines.config.WardenProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/** Presigned uploads and the API's direct writes under a tenant's prefix. */
@Configuration(proxyBeanMethods = false)
public class UploadConfiguration {

  /**
   * Longest presigned upload URL lifetime accepted: a purge admitted right after a presign waits
   * the URL out before deleting (PurgeRecordStore#admit), so this bounds that wait.
   */
  static final Duration MAX_UPLOAD_URL_TTL = Duration.ofHours(1);

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
