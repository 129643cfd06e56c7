package dev.warden.engines.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** On a versioned bucket, the rewritten archive must not leave the old version behind. */
@ExtendWith(DevStackExtension.class)
class VersionedLogArchiveIT {

  static final String KEY = "logs/prod/2026/11/01/app.jsonl.gz";

  @Test
  void givenAVersionedBucket_whenAnArchiveIsRewritten_thenNoVersionWithTheTenantsLinesRemains()
      throws Exception {
    try (S3ProxyServer proxy =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "logs", "logs-secret")
                .ensureBucket("versioned-logs");
        S3Client s3 = S3Fixture.client(proxy.endpoint(), "logs", "logs-secret")) {
      s3.putBucketVersioning(
          p ->
              p.bucket("versioned-logs")
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      put(s3, "{\"tenant_id\":\"acme\",\"n\":1}\n{\"tenant_id\":\"acme-eu\",\"n\":1}\n");
      put(s3, "{\"tenant_id\":\"acme\",\"n\":2}\n{\"tenant_id\":\"acme-eu\",\"n\":2}\n");
      LogArchiveStore store = new LogArchiveStore(s3, "versioned-logs", new ObjectMapper());

      ArchiveCursor done =
          store.purge(TenantId.of("acme"), Env.of("prod"), ArchiveCursor.START, c -> {});

      assertThat(done.linesRemoved()).isEqualTo(1);
      var versions = s3.listObjectVersions(l -> l.bucket("versioned-logs").prefix(KEY));
      assertThat(versions.versions()).hasSize(1);
      assertThat(versions.deleteMarkers()).isEmpty();
      ObjectVersion only = versions.versions().get(0);
      String text = read(s3, only.versionId());
      assertThat(text).isEqualTo("{\"tenant_id\":\"acme-eu\",\"n\":2}\n");
    }
  }

  private static void put(S3Client s3, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    s3.putObject(
        b -> b.bucket("versioned-logs").key(KEY), RequestBody.fromBytes(bytes.toByteArray()));
  }

  private static String read(S3Client s3, String versionId) throws IOException {
    byte[] gz =
        s3.getObjectAsBytes(g -> g.bucket("versioned-logs").key(KEY).versionId(versionId))
            .asByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
