package dev.warden.activities.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.logarchive.ArchiveLeases;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StepResult;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Two purges of different tenants run their logs steps over the same shared archives at the same
 * time, each with its own store (as two workers would), sharing only PostgreSQL: neither may put
 * back the other's lines, and every other tenant's lines must survive byte for byte.
 */
@ExtendWith(DevStackExtension.class)
class SharedArchiveConcurrencyIT {

  static final int ARCHIVES = 12;
  static final int LINES = 600;

  @Test
  void givenAPlainBucket_whenTwoPurgesRewriteTheSameArchives_thenBothEndCleanAndOthersSurvive()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture()) {
      race(stores, stores.s3, false);
    }
  }

  @Test
  void givenAVersionedBucket_whenTwoPurgesRewriteTheSameArchives_thenNoTenantLosesItsLines()
      throws Exception {
    try (S3ProxyServer proxy =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "race", "race-secret")
                .ensureBucket("race-logs");
        S3Fixture bucket =
            new S3Fixture(S3Fixture.client(proxy.endpoint(), "race", "race-secret"), "race-logs");
        ActivityFixture stores = new ActivityFixture()) {
      bucket
          .s3()
          .putBucketVersioning(
              p ->
                  p.bucket("race-logs")
                      .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      race(stores, bucket, true);
    }
  }

  private void race(ActivityFixture stores, S3Fixture bucket, boolean versioned) throws Exception {
    Env env = Env.of("r" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    String a = "alpha-" + env;
    String b = "beta-" + env;
    List<String> tenants = List.of(a, b, a + "-eu", "gamma");
    Map<String, String> expected = new TreeMap<>();
    for (int n = 0; n < ARCHIVES; n++) {
      String key = LogArchiveStore.envPrefix(env) + "2026/11/%02d/app.jsonl.gz".formatted(n);
      StringBuilder all = new StringBuilder();
      StringBuilder kept = new StringBuilder();
      for (int line = 0; line < LINES; line++) {
        String tenant = tenants.get(line % tenants.size());
        String text = "{\"tenant_id\":\"%s\",\"n\":%d,\"msg\":\"é\"}\n".formatted(tenant, line);
        all.append(text);
        if (!tenant.equals(a) && !tenant.equals(b)) {
          kept.append(text);
        }
      }
      put(bucket, key, all.toString());
      expected.put(key, kept.toString());
    }
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<StepResult> first = purgeAsync(stores, bucket, env, a, go);
    CompletableFuture<StepResult> second = purgeAsync(stores, bucket, env, b, go);
    go.countDown();

    // Items: the tenant's lines, plus (versioned) the version each purge read and replaced.
    long items = ARCHIVES * LINES / 4 + (versioned ? ARCHIVES : 0);
    assertThat(first.get(3, TimeUnit.MINUTES).items()).isEqualTo(items);
    assertThat(second.get(3, TimeUnit.MINUTES).items()).isEqualTo(items);

    LogArchiveStore check =
        new LogArchiveStore(
            bucket.s3(),
            bucket.bucket(),
            new ObjectMapper(),
            new ArchiveLeases(stores.db.jdbc()),
            1000);
    assertThat(check.countLines(TenantId.of(a), env)).isZero();
    assertThat(check.countLines(TenantId.of(b), env)).isZero();
    for (Map.Entry<String, String> archive : expected.entrySet()) {
      assertThat(read(bucket, archive.getKey())).isEqualTo(archive.getValue());
    }
    if (versioned) {
      // Exactly one version per archive is left: the clean one, nobody's lines lost with it.
      var versions =
          bucket
              .s3()
              .listObjectVersions(
                  l -> l.bucket(bucket.bucket()).prefix(LogArchiveStore.envPrefix(env)));
      assertThat(versions.versions()).hasSize(ARCHIVES).allMatch(v -> v.isLatest());
    }
  }

  private CompletableFuture<StepResult> purgeAsync(
      ActivityFixture stores, S3Fixture bucket, Env env, String tenant, CountDownLatch go) {
    var record =
        stores
            .purges
            .admit(
                PurgeRecord.requested(TenantId.of(tenant), env, "user:dpo", "race", null, "t"),
                r -> "it")
            .purge();
    PurgeRequest request =
        new PurgeRequest(
            record.purgeId().toString(),
            tenant,
            env.value(),
            "user:dpo",
            "race",
            null,
            "t",
            0,
            false,
            0,
            0,
            0);
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(stores.activities(env, 100, bucket).logs());
    LogActivities logs = temporal.newActivityStub(LogActivities.class);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            go.await();
            return logs.purgeTenantLogs(request);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          } finally {
            stores.purges.complete(record.purgeId(), PurgeState.CANCELLED, "test cleanup", "{}");
            temporal.close();
          }
        });
  }

  private static void put(S3Fixture bucket, String key, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    bucket
        .s3()
        .putObject(
            p -> p.bucket(bucket.bucket()).key(key), RequestBody.fromBytes(bytes.toByteArray()));
  }

  private static String read(S3Fixture bucket, String key) throws IOException {
    byte[] gz = bucket.s3().getObjectAsBytes(g -> g.bucket(bucket.bucket()).key(key)).asByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
