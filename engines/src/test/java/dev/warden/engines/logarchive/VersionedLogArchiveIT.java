package dev.warden.engines.logarchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * On a versioned bucket no version that holds the tenant's lines may survive, and verification must
 * count what is in every version; version listings are read to their last page.
 */
@ExtendWith(DevStackExtension.class)
class VersionedLogArchiveIT {

  static final String BUCKET = "versioned-logs";
  static final TenantId ACME = TenantId.of("acme");
  static final String ACME_LINE = "{\"tenant_id\":\"acme\",\"n\":1}\n";
  static final String EU_LINE = "{\"tenant_id\":\"acme-eu\",\"n\":1}\n";

  static S3ProxyServer proxy;
  static S3Client s3;
  Env env;
  LogArchiveStore store;

  @BeforeAll
  static void startVersionedStore() {
    proxy =
        S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "logs", "logs-secret")
            .ensureBucket(BUCKET);
    s3 = S3Fixture.client(proxy.endpoint(), "logs", "logs-secret");
    s3.putBucketVersioning(
        p ->
            p.bucket(BUCKET)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    proxy.close();
  }

  @BeforeEach
  void freshEnv() {
    env = Env.of("v" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    // Two keys per listing page, so every listing here needs several pages.
    store = new LogArchiveStore(s3, BUCKET, new ObjectMapper(), ArchiveLocks.inProcess(), 2);
  }

  @Test
  void givenAnArchiveRewrittenManyTimes_whenPurged_thenOnlyTheCleanVersionRemains()
      throws Exception {
    String key = LogArchiveStore.envPrefix(env) + "2026/11/01/app.jsonl.gz";
    for (int n = 0; n < 5; n++) {
      put(key, ACME_LINE + EU_LINE);
    }

    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(done.linesRemoved()).isEqualTo(1);
    assertThat(done.versionsDeleted()).isEqualTo(5);
    List<ObjectVersion> left = versions(key);
    assertThat(left).singleElement();
    assertThat(read(key, left.get(0).versionId())).isEqualTo(EU_LINE);
    assertThat(store.countLines(ACME, env)).isZero();
  }

  @Test
  void givenACleanCurrentVersionOverADirtyOne_whenCounted_thenTheOldLinesCountAndArePurged()
      throws Exception {
    String key = LogArchiveStore.envPrefix(env) + "2026/11/02/app.jsonl.gz";
    put(key, ACME_LINE + EU_LINE); // the tenant's line survives only in this earlier version
    put(key, EU_LINE);
    String gone = LogArchiveStore.envPrefix(env) + "2026/11/03/gone.jsonl.gz";
    put(gone, ACME_LINE);
    s3.deleteObject(d -> d.bucket(BUCKET).key(gone)); // a delete marker over the tenant's line

    assertThat(store.countLines(ACME, env)).isEqualTo(2);
    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(done.versionsDeleted()).isEqualTo(2);
    assertThat(store.countLines(ACME, env)).isZero();
    assertThat(versions(key)).singleElement().satisfies(v -> assertThat(v.isLatest()).isTrue());
    assertThat(read(key, versions(key).get(0).versionId())).isEqualTo(EU_LINE);
  }

  @Test
  void givenTheTenantsOwnLogFolder_whenPurged_thenEveryVersionAndMarkerGoesAndNeighboursStay()
      throws Exception {
    String own = LogArchiveStore.envPrefix(env) + "tenants/acme/";
    String neighbour = LogArchiveStore.envPrefix(env) + "tenants/acme-eu/";
    for (String folder : List.of(own, neighbour)) {
      for (int n = 0; n < 3; n++) {
        put(folder + "f" + n + ".jsonl.gz", ACME_LINE);
        put(folder + "f" + n + ".jsonl.gz", ACME_LINE);
      }
      s3.deleteObject(d -> d.bucket(BUCKET).key(folder + "f0.jsonl.gz"));
    }

    assertThat(store.countTenantObjects(ACME, env)).isEqualTo(7);
    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(done.objectsDeleted()).isEqualTo(7);
    assertThat(store.countTenantObjects(ACME, env)).isZero();
    assertThat(store.countTenantObjects(TenantId.of("acme-eu"), env)).isEqualTo(7);
  }

  private List<ObjectVersion> versions(String key) {
    return s3.listObjectVersions(l -> l.bucket(BUCKET).prefix(key)).versions();
  }

  private static void put(String key, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes.toByteArray()));
  }

  private static String read(String key, String versionId) throws IOException {
    byte[] gz =
        s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(key).versionId(versionId)).asByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
