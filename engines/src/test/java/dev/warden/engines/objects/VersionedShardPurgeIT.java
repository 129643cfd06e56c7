package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.objects.StorageProgress.Lane;
import dev.warden.engines.objects.StorageProgress.Writer;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.S3Fixture;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Exact totals of one purge lane across attempts on a versioned bucket (an extra S3Proxy with the
 * transient store: the devstack's filesystem store has no versioning), with the devstack's
 * PostgreSQL. Pages of 10 end halfway through a key's versions.
 */
@ExtendWith(DevStackExtension.class)
class VersionedShardPurgeIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);

  private static S3ProxyServer proxy;
  private static S3Client s3;
  private String bucket;
  private StorageProgress progress;
  private Lane lane;
  private long versions;
  private long bytes;

  @BeforeAll
  static void startProxy() {
    proxy = S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "versioned", "versioned-secret");
    s3 = S3Fixture.client(proxy.endpoint(), "versioned", "versioned-secret");
  }

  @AfterAll
  static void stopProxy() {
    s3.close();
    proxy.close();
  }

  @BeforeEach
  void seed() {
    bucket = "lanes-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    s3.createBucket(c -> c.bucket(bucket));
    s3.putBucketVersioning(
        v ->
            v.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    progress = new StorageProgress(new DbFixture(DevStackExtension.endpoints()).jdbc());
    lane = new Lane(UUID.randomUUID(), StorageProgress.WHOLE_PREFIX);
    versions = 0;
    bytes = 0;
    for (int i = 0; i < 11; i++) {
      String key = "tenants/acme/uploads/f%02d".formatted(i);
      for (int v = 1; v <= 3; v++) {
        put(key, "v" + v + "-" + "x".repeat(i));
      }
      if (i % 4 == 0) {
        s3.deleteObject(d -> d.bucket(bucket).key(key)); // a delete marker over 3 versions
        versions++;
      }
    }
    s3.putObject(
        b -> b.bucket(bucket).key("tenants/acme-eu/uploads/f00"), RequestBody.fromString("eu"));
  }

  @AfterEach
  void forget() {
    progress.forget(lane.purgeId());
  }

  @Test
  void
      givenAZombieHeldAfterItsDeleteOfPage2_whenAttempt2TakesOver_thenTotalsAreExactAndTheZombieStops()
          throws Exception {
    GatedS3Client zombieS3 = new GatedS3Client(s3).holdAfterDelete(2);
    CompletableFuture<StorageCursor> zombie =
        CompletableFuture.supplyAsync(() -> purge(zombieS3, attempt(1)));
    zombieS3.awaitHeld();

    StorageCursor done = purge(s3, attempt(2));
    int deletesBeforeRelease = zombieS3.deletes();
    zombieS3.release();

    assertThat(done.objects()).isEqualTo(versions);
    assertThat(done.bytes()).isEqualTo(bytes);
    assertThatThrownBy(zombie::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ShardTakenOverException.class);
    assertThat(zombieS3.deletes()).isEqualTo(deletesBeforeRelease);
    VersionedObjectStore store = new VersionedObjectStore(s3, bucket);
    assertThat(store.countVersions(ACME)).isZero();
    assertThat(store.countVersions(TenantId.of("acme-eu"))).isEqualTo(1);
  }

  @Test
  void givenAnAttemptThatLostADeleteResponse_whenRetried_thenTotalsAreExact() {
    GatedS3Client lossy = new GatedS3Client(s3).failAfterDelete(2);
    assertThatThrownBy(() -> purge(lossy, attempt(1))).hasMessageContaining("response lost");

    StorageCursor done = purge(s3, attempt(2));

    assertThat(done.objects()).isEqualTo(versions);
    assertThat(done.bytes()).isEqualTo(bytes);
    assertThat(new VersionedObjectStore(s3, bucket).countVersions(ACME)).isZero();
  }

  @Test
  void
      givenADeleteSentTwice_whenTheSecondMeetsVersionsTheFirstRemoved_thenTheyCountOnceAndThePurgeGoesOn() {
    // As the SDK retries a DeleteObjects whose first try the store carried out before it failed
    // (S3Proxy answers NoSuchVersion for those versions; AWS answers that they are deleted).
    GatedS3Client twice = new GatedS3Client(s3).repeatDelete(2);

    StorageCursor done = purge(twice, attempt(1));

    assertThat(done.objects()).isEqualTo(versions);
    assertThat(done.bytes()).isEqualTo(bytes);
    assertThat(new VersionedObjectStore(s3, bucket).countVersions(ACME)).isZero();
    assertThat(new VersionedObjectStore(s3, bucket).countVersions(TenantId.of("acme-eu")))
        .isEqualTo(1);
  }

  private Writer attempt(int attempt) {
    return new Writer(lane, "run-1/activity-7", attempt);
  }

  private StorageCursor purge(S3Client client, Writer writer) {
    ShardPurge purge =
        new ShardPurge(
            progress,
            new TenantObjectStore(client, bucket, DELETE_TIMEOUT),
            new VersionedObjectStore(client, bucket, DELETE_TIMEOUT));
    return purge.purge(
        writer,
        new ShardPurge.Job(ACME, KeyRange.ALL, true, 10, 1),
        StorageCursor.START,
        () -> {},
        c -> {});
  }

  private void put(String key, String content) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    versions++;
    bytes += content.length();
  }
}
