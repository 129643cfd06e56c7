package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.objects.StorageProgress.Lane;
import dev.warden.engines.objects.StorageProgress.Writer;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.S3Fixture;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/** Exact totals of one purge lane across attempts, on the devstack's S3Proxy and PostgreSQL. */
@ExtendWith(DevStackExtension.class)
class ShardPurgeIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);
  private static final int OBJECTS = 35;

  private S3Fixture s3;
  private StorageProgress progress;
  private Lane lane;
  private long bytes;

  @BeforeEach
  void seed() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    s3.clear();
    progress = new StorageProgress(new DbFixture(DevStackExtension.endpoints()).jdbc());
    lane = new Lane(UUID.randomUUID(), "3");
    bytes = 0;
    for (int i = 0; i < OBJECTS; i++) {
      String content = "x".repeat(i % 7 + 1);
      s3.put("tenants/acme/uploads/f%03d".formatted(i), content);
      bytes += content.length();
    }
    s3.put("tenants/acme-eu/uploads/f000", "neighbour");
  }

  @AfterEach
  void close() {
    progress.forget(lane.purgeId());
    s3.close();
  }

  @Test
  void
      givenAZombieHeldAfterItsDeleteOfPage2_whenAttempt2TakesOver_thenTotalsAreExactAndTheZombieStops()
          throws Exception {
    GatedS3Client zombieS3 = new GatedS3Client(s3.s3()).holdAfterDelete(2);
    CompletableFuture<StorageCursor> zombie =
        CompletableFuture.supplyAsync(() -> purge(zombieS3, attempt(1), StorageCursor.START));
    zombieS3.awaitHeld();

    StorageCursor done = purge(s3.s3(), attempt(2), StorageCursor.START);
    int deletesBeforeRelease = zombieS3.deletes();
    zombieS3.release();

    assertThat(done.objects()).isEqualTo(OBJECTS);
    assertThat(done.bytes()).isEqualTo(bytes);
    assertThatThrownBy(zombie::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ShardTakenOverException.class);
    assertThat(zombieS3.deletes()).isEqualTo(deletesBeforeRelease);
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/uploads/f000");
  }

  @Test
  void givenAnAttemptThatNeverHeartbeatedAndLostADeleteResponse_whenRetried_thenTotalsAreExact() {
    GatedS3Client lossy = new GatedS3Client(s3.s3()).failAfterDelete(3);
    assertThatThrownBy(() -> purge(lossy, attempt(1), StorageCursor.START))
        .isInstanceOf(SdkClientException.class);
    assertThat(s3.count("tenants/acme/")).isEqualTo(OBJECTS - 30);

    // No heartbeat reached the server: the retry starts with nothing but the durable record.
    StorageCursor done = purge(s3.s3(), attempt(2), StorageCursor.START);

    assertThat(done.objects()).isEqualTo(OBJECTS);
    assertThat(done.bytes()).isEqualTo(bytes);
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/uploads/f000");
  }

  @Test
  void givenAnotherExecutionsPendingPage_whenANewExecutionClaims_thenItCountsOnlyThatPageOnwards() {
    GatedS3Client lossy = new GatedS3Client(s3.s3()).failAfterDelete(2);
    assertThatThrownBy(() -> purge(lossy, attempt(1), StorageCursor.START))
        .isInstanceOf(SdkClientException.class);

    // The first execution reported its committed page (10) with its failure; the page whose
    // response was lost is counted by the next one, with the rest.
    StorageCursor done =
        purge(s3.s3(), new Writer(lane, "run-2/activity-9", 1), StorageCursor.START);

    assertThat(done.objects()).isEqualTo(OBJECTS - 10);
    assertThat(s3.count("tenants/acme/")).isZero();
  }

  @Test
  void givenANewerAttemptOwnsTheLane_whenAnOlderOneStarts_thenItDeletesNothing() {
    progress.claim(attempt(3), KeyRange.ALL, StorageCursor.START);

    assertThatThrownBy(() -> purge(s3.s3(), attempt(2), StorageCursor.START))
        .isInstanceOf(ShardTakenOverException.class);
    assertThat(s3.count("tenants/acme/")).isEqualTo(OBJECTS);
  }

  private Writer attempt(int attempt) {
    return new Writer(lane, "run-1/activity-7", attempt);
  }

  private StorageCursor purge(S3Client client, Writer writer, StorageCursor heartbeat) {
    ShardPurge purge =
        new ShardPurge(
            progress,
            new TenantObjectStore(client, s3.bucket(), DELETE_TIMEOUT),
            new VersionedObjectStore(client, s3.bucket(), DELETE_TIMEOUT));
    return purge.purge(
        writer, new ShardPurge.Job(ACME, KeyRange.ALL, false, 10, 1), heartbeat, () -> {}, c -> {});
  }
}
