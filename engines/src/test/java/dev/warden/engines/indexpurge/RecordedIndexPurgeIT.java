package dev.warden.engines.indexpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.indexpurge.IndexProgress.Writer;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exact totals of an index-purge step across attempts, on the devstack's OpenSearch and PostgreSQL.
 */
@ExtendWith(DevStackExtension.class)
class RecordedIndexPurgeIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId ACME_EU = TenantId.of("acme-eu");
  private static final int ACME_DOCS = 1_213;
  // The tests' bulks are never in flight when a claim looks: held or failed after they answered.
  private static final Duration REQUEST_BOUND = Duration.ofSeconds(1);

  private static IndexFixture fixture;
  private static TenantIndexStore store;
  private static IndexProgress progress;
  private RecordedIndexPurge recorded;
  private UUID purgeId;
  private String docs;

  @BeforeAll
  static void connect() {
    fixture = new IndexFixture();
    store = new TenantIndexStore(fixture.client);
    progress = new IndexProgress(new DbFixture(DevStackExtension.endpoints()).jdbc());
  }

  @BeforeEach
  void seed() throws Exception {
    recorded = new RecordedIndexPurge(progress, store, REQUEST_BOUND);
    purgeId = UUID.randomUUID();
    Env env = Env.of("t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme", "acme", ACME_DOCS - 13, "hello from acme", true);
    fixture.index(docs, "acme", "unrouted", 13, "hello from acme", false);
    fixture.index(docs, "acme-eu", "acme-eu", 300, "acme acme acme-eu", true);
  }

  @AfterEach
  void forget() {
    progress.forget(purgeId);
  }

  @Test
  void givenAZombieLaneHeldAfterItsBulk_whenAttempt2TakesOver_thenTheTotalIsExactAndTheZombieStops()
      throws Exception {
    Map<String, String> neighbours = fixture.othersThan(docs, "acme");
    GatedJournal zombieJournal = new GatedJournal(recorded.journal(attempt(1))).holdAfterBulk(3);
    CompletableFuture<IndexCursor> zombie =
        CompletableFuture.supplyAsync(() -> purge(attempt(1), zombieJournal, IndexCursor.START));
    zombieJournal.awaitHeld();

    // No heartbeat of the zombie reached the server: attempt 2 has only the durable record.
    IndexCursor done = purge(attempt(2), null, IndexCursor.START);
    int sentBeforeRelease = zombieJournal.sent();
    zombieJournal.release();

    assertThat(done.deleted()).isEqualTo(ACME_DOCS);
    assertThatThrownBy(zombie::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IndexTakenOverException.class);
    assertThat(zombieJournal.sent()).isEqualTo(sentBeforeRelease);
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(store.count(ACME_EU, docs)).isEqualTo(300);
    assertThat(fixture.othersThan(docs, "acme")).isEqualTo(neighbours);
  }

  @Test
  void givenAnAttemptThatDeletedPagesWithoutHeartbeatsAndDied_whenRetried_thenTheTotalIsExact() {
    GatedJournal lost = new GatedJournal(recorded.journal(attempt(1))).failAfterBulk(4);
    assertThatThrownBy(() -> purge(attempt(1), lost, IndexCursor.START))
        .hasMessageContaining("worker lost");
    assertThat(store.count(ACME, docs)).isLessThanOrEqualTo(ACME_DOCS - 4 * 100);

    IndexCursor done = purge(attempt(2), null, IndexCursor.START);

    assertThat(done.deleted()).isEqualTo(ACME_DOCS);
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(store.count(ACME_EU, docs)).isEqualTo(300);
  }

  @Test
  void givenBulksThatEndedInThisProcess_whenRetriedHere_thenTheClaimDoesNotWaitOutTheBound() {
    // A bound no test waits out: the retry must know the lanes' calls are over (a store outage
    // seen by this worker, then its own retry), not sit out ten minutes since their records.
    RecordedIndexPurge patient = new RecordedIndexPurge(progress, store, Duration.ofMinutes(10));
    IndexJournal real = patient.journal(attempt(1));
    AtomicInteger answered = new AtomicInteger();
    IndexJournal answerLost =
        new IndexJournal() {
          @Override
          public void beforeBulk(int lane, String index, List<String> ids) {
            real.beforeBulk(lane, index, ids);
          }

          @Override
          public void afterBulk(int lane, String index, long deleted) {
            if (answered.incrementAndGet() == 3) {
              throw new IllegalStateException("store unreachable: the answer was lost");
            }
            real.afterBulk(lane, index, deleted);
          }

          @Override
          public void stopped(int lane, String index, List<String> ids) {
            real.stopped(lane, index, ids);
          }
        };
    IndexCursor first = patient.claim(attempt(1), ACME, IndexCursor.START, () -> {});
    assertThatThrownBy(() -> store.purge(ACME, docs, first, 100, 4, answerLost, c -> {}))
        .hasMessageContaining("answer was lost");
    assertThat(progress.pending(attempt(2))).isNotEmpty();

    IndexCursor done =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> {
              IndexCursor start = patient.claim(attempt(2), ACME, IndexCursor.START, () -> {});
              return store.purge(ACME, docs, start, 100, 4, patient.journal(attempt(2)), c -> {});
            });

    assertThat(done.deleted()).isEqualTo(ACME_DOCS);
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(store.count(ACME_EU, docs)).isEqualTo(300);
  }

  @Test
  void givenAnotherExecutionsPendingBulk_whenANewExecutionClaims_thenItCountsThatBulkOnwards() {
    GatedJournal lost = new GatedJournal(recorded.journal(attempt(1))).failAfterBulk(3);
    assertThatThrownBy(() -> purge(attempt(1), lost, IndexCursor.START, 1))
        .hasMessageContaining("worker lost");

    // The first execution reported its two recorded pages with its failure; the bulk whose
    // outcome it lost is counted by the next one, with the rest.
    Writer next = new Writer(purgeId, "INDEX", "run-2/activity-9", 1);
    IndexCursor done = purge(next, null, IndexCursor.START, 1);

    assertThat(done.deleted()).isEqualTo(ACME_DOCS - 200);
    assertThat(store.count(ACME, docs)).isZero();
  }

  @Test
  void givenANewerAttemptOwnsTheStep_whenAnOlderOneStarts_thenItDeletesNothing() {
    progress.claim(attempt(3), IndexCursor.START);

    assertThatThrownBy(() -> purge(attempt(2), null, IndexCursor.START))
        .isInstanceOf(IndexTakenOverException.class);
    assertThat(store.count(ACME, docs)).isEqualTo(ACME_DOCS);
  }

  @Test
  void givenAHeartbeatFromBeforeTheRecordExisted_whenRetried_thenItResumesFromTheHeartbeat() {
    IndexCursor heartbeat = new IndexCursor(docs, 500, 5);

    IndexCursor done = purge(attempt(2), null, heartbeat);

    assertThat(done.deleted()).isEqualTo(500 + ACME_DOCS);
  }

  private Writer attempt(int attempt) {
    return new Writer(purgeId, "INDEX", "run-1/activity-5", attempt);
  }

  private IndexCursor purge(Writer writer, GatedJournal gate, IndexCursor heartbeat) {
    return purge(writer, gate, heartbeat, 4);
  }

  private IndexCursor purge(Writer writer, GatedJournal gate, IndexCursor heartbeat, int lanes) {
    IndexCursor start = recorded.claim(writer, ACME, heartbeat, () -> {});
    IndexJournal journal = gate == null ? recorded.journal(writer) : gate;
    return store.purge(ACME, docs, start, 100, lanes, journal, c -> {});
  }
}
