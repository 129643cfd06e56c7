package dev.warden.engines.indexpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.opensearch.IndexDeletionException;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.indices.stats.IndicesStatsMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(DevStackExtension.class)
class TenantIndexStoreIT {

  private static final Logger log = LoggerFactory.getLogger(TenantIndexStoreIT.class);
  private static final TenantId ACME = TenantId.of("acme");
  private static final String[] NEIGHBOURS = {"acme-eu", "acme2", "acm"};

  private static IndexFixture fixture;
  private static TenantIndexStore store;
  private Env env;

  @BeforeAll
  static void connect() {
    fixture = new IndexFixture();
    store = new TenantIndexStore(fixture.client);
  }

  @BeforeEach
  void freshEnv() {
    // Each test gets its own indices, so tests never see each other's documents.
    env = Env.of("t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
  }

  @Test
  void givenThreePagesOfAcme_whenPurged_thenAcmeIsGoneAndNeighboursAreIdentical() throws Exception {
    String docs = seedDocs(2_500);
    Map<String, String> before = fixture.othersThan(docs, "acme");
    List<IndexCursor> pages = new ArrayList<>();

    long t0 = System.nanoTime();
    IndexCursor done = store.purge(ACME, docs, IndexCursor.START, 1000, pages::add);
    double seconds = (System.nanoTime() - t0) / 1e9;
    log.info(
        "Purged {} docs in {} s ({} docs/s)", done.deleted(), seconds, done.deleted() / seconds);

    assertThat(done).isEqualTo(new IndexCursor(docs, 2_510, pages.size()));
    assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pages.get(0).deleted()).isEqualTo(1000);
    assertThat(pages.get(pages.size() - 1)).isEqualTo(done);
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(fixture.othersThan(docs, "acme")).isEqualTo(before).hasSize(3 * 400 + 50);
    for (String neighbour : NEIGHBOURS) {
      assertThat(store.count(TenantId.of(neighbour), docs)).isEqualTo(400);
    }
  }

  @Test
  void givenAnInterruptedPurge_whenResumedFromItsCursor_thenEveryDocIsCountedOnce()
      throws Exception {
    String docs = seedDocs(2_500);
    List<IndexCursor> heartbeats = new ArrayList<>();
    IndexPageListener killSwitchAfterFirstPage =
        cursor -> {
          heartbeats.add(cursor);
          throw new IllegalStateException("kill switch engaged");
        };

    assertThatThrownBy(
            () -> store.purge(ACME, docs, IndexCursor.START, 1000, killSwitchAfterFirstPage))
        .hasMessage("kill switch engaged");
    IndexCursor lastHeartbeat = heartbeats.get(heartbeats.size() - 1);
    assertThat(lastHeartbeat).isEqualTo(new IndexCursor(docs, 1000, 1));

    IndexCursor done = store.purge(ACME, docs, lastHeartbeat, 1000, c -> {});

    assertThat(done.deleted()).isEqualTo(2_510);
    assertThat(store.count(ACME, docs)).isZero();
  }

  @Test
  void givenFourLanes_whenPurged_thenExactlyAcmeIsGoneAndNeighboursAreIdentical() throws Exception {
    String docs = seedDocs(2_503); // 2,513 with the unrouted ones: not a multiple of the page
    Map<String, String> before = fixture.othersThan(docs, "acme");
    List<IndexCursor> pages = Collections.synchronizedList(new ArrayList<>());
    Set<String> laneThreads = ConcurrentHashMap.newKeySet();

    IndexCursor done =
        store.purge(
            ACME,
            docs,
            IndexCursor.START,
            500,
            4,
            IndexJournal.NONE,
            c -> {
              pages.add(c);
              laneThreads.add(Thread.currentThread().getName());
            });

    assertThat(done).isEqualTo(new IndexCursor(docs, 2_513, pages.size()));
    assertThat(pages).extracting(IndexCursor::deleted).isSorted();
    assertThat(pages.get(pages.size() - 1)).isEqualTo(done);
    assertThat(laneThreads).hasSize(4).allMatch(n -> n.startsWith("warden-index-lane-"));
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(fixture.othersThan(docs, "acme")).isEqualTo(before).hasSize(3 * 400 + 50);
    assertThat(store.count(TenantId.of("acme-eu"), docs)).isEqualTo(400);
  }

  @Test
  void givenFourLanesCrashingAfterSomePages_whenResumedFromTheLastHeartbeat_thenTotalIsExact()
      throws Exception {
    String docs = seedDocs(2_503);
    List<IndexCursor> heartbeats = Collections.synchronizedList(new ArrayList<>());
    IndexPageListener crashAfterThirdPage =
        cursor -> {
          heartbeats.add(cursor);
          if (heartbeats.size() >= 3) {
            throw new IllegalStateException("worker lost");
          }
        };

    assertThatThrownBy(
            () ->
                store.purge(
                    ACME, docs, IndexCursor.START, 300, 4, IndexJournal.NONE, crashAfterThirdPage))
        .hasMessage("worker lost");
    IndexCursor lastHeartbeat = heartbeats.get(heartbeats.size() - 1);
    // Every bulk that ran was heartbeated: what the cursor says is gone is exactly what is gone.
    assertThat(store.count(ACME, docs)).isEqualTo(2_513 - lastHeartbeat.deleted()).isPositive();

    IndexCursor done = store.purge(ACME, docs, lastHeartbeat, 300, 4, IndexJournal.NONE, c -> {});

    assertThat(done.deleted()).isEqualTo(2_513);
    assertThat(store.count(ACME, docs)).isZero();
  }

  @Test
  void givenFourLanes_whenTheGuardStopsOneLane_thenNoLaneDeletesAnotherPage() throws Exception {
    String docs = seedDocs(2_503);
    List<IndexCursor> pages = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean engaged = new AtomicBoolean();
    // Throws once only: the other lanes would pass their own guard, so stopping them is the
    // sweep's.
    IndexPageListener killSwitchOnFirstPage =
        cursor -> {
          pages.add(cursor);
          if (engaged.compareAndSet(false, true)) {
            throw new IllegalStateException("kill switch engaged");
          }
        };

    assertThatThrownBy(
            () ->
                store.purge(
                    ACME,
                    docs,
                    IndexCursor.START,
                    200,
                    4,
                    IndexJournal.NONE,
                    killSwitchOnFirstPage))
        .hasMessage("kill switch engaged");

    // The stopped page, plus at most one bulk already in flight in each other lane.
    assertThat(pages).hasSizeBetween(1, 4);
    IndexCursor last = pages.get(pages.size() - 1);
    assertThat(last.pages()).isEqualTo(pages.size());
    assertThat(store.count(ACME, docs)).isEqualTo(2_513 - last.deleted()).isGreaterThan(1_500);
  }

  @Test
  void givenNoIndex_whenCountedOrPurged_thenNothingAndNoError() {
    String docs = TenantIndexStore.docsIndex(env);

    assertThat(store.count(ACME, docs)).isZero();
    assertThat(store.count(ACME, TenantIndexStore.logsPattern(env))).isZero();
    assertThat(store.indices(docs)).isEmpty();
    assertThat(store.indices(TenantIndexStore.logsPattern(env))).isEmpty();
    assertThat(store.purge(ACME, docs, IndexCursor.START, 1000, c -> {}))
        .isEqualTo(new IndexCursor(docs, 0, 0));
  }

  @Test
  void givenSeveralLogIndices_whenPatternPurged_thenEachIsCleanedAndCountsAddUp() throws Exception {
    List<String> logs = new ArrayList<>();
    for (String day : List.of("2024.01.03", "2024.01.01", "2024.01.02")) {
      String index = "logs-" + env + "-" + day;
      fixture.createIndex(index);
      fixture.index(index, "acme", "a", 700, "login ok", true);
      fixture.index(index, "acme-eu", "e", 100, "login ok", true);
      logs.add(index);
    }
    String pattern = TenantIndexStore.logsPattern(env);
    Map<String, String> before = fixture.othersThan(pattern, "acme");
    List<IndexCursor> pages = new ArrayList<>();

    IndexCursor done = store.purgeAll(ACME, pattern, IndexCursor.START, 500, pages::add);

    assertThat(store.indices(pattern)).isEqualTo(logs.stream().sorted().toList());
    assertThat(done.deleted()).isEqualTo(2_100);
    assertThat(done.index()).isEqualTo("logs-" + env + "-2024.01.03");
    assertThat(pages).extracting(IndexCursor::index).isSorted();
    assertThat(store.count(ACME, pattern)).isZero();
    assertThat(store.usage(TenantId.of("acme-eu"), pattern)).isEqualTo(new IndexUsage(300));
    assertThat(fixture.othersThan(pattern, "acme")).isEqualTo(before).hasSize(300);
  }

  @Test
  void givenAWriteBlockedIndex_whenPurged_thenRefusalsAreReportedWithDocIds() throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme", "a", 5, "x", true);
    fixture.setWriteBlock(docs, true);
    List<IndexCursor> pages = new ArrayList<>();
    try {
      assertThatThrownBy(() -> store.purge(ACME, docs, IndexCursor.START, 1000, pages::add))
          .isInstanceOfSatisfying(
              IndexDeletionException.class,
              e ->
                  assertThat(e.errors())
                      .extracting(IndexDeletionException.DocError::id)
                      .containsExactlyInAnyOrder("a-0", "a-1", "a-2", "a-3", "a-4"));
      assertThat(pages).containsExactly(new IndexCursor(docs, 0, 1));
    } finally {
      fixture.setWriteBlock(docs, false);
    }
    assertThat(store.count(ACME, docs)).isEqualTo(5);
  }

  @Test
  void givenADocumentOfTwoTenants_whenPurged_thenThePageIsRefusedAndNothingIsDeleted()
      throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme", "a", 5, "x", true);
    fixture.client.index(
        i ->
            i.index(docs)
                .id("shared")
                .routing("acme")
                .document(Map.of("tenant_id", List.of("acme", "acme-eu")))
                .refresh(org.opensearch.client.opensearch._types.Refresh.True));

    assertThatThrownBy(() -> store.purge(ACME, docs, IndexCursor.START, 1000, c -> {}))
        .hasMessageContaining("shared")
        .hasMessageContaining("refusing to delete");

    assertThat(store.count(ACME, docs)).isEqualTo(6);
    assertThat(store.usage(TenantId.of("acme-eu"), docs)).isEqualTo(new IndexUsage(1));
  }

  @Test
  void givenAnIndexWithoutAcme_whenPurged_thenNoPointInTimeIsOpenedAndNeighboursAreIdentical()
      throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme-eu", "e", 30, "acme acme", true);
    Map<String, String> before = fixture.othersThan(docs, "acme");
    List<IndexCursor> pages = new ArrayList<>();

    IndexCursor done =
        store.purge(ACME, docs, IndexCursor.START, 1000, 4, IndexJournal.NONE, pages::add);

    assertThat(done).isEqualTo(new IndexCursor(docs, 0, 0));
    assertThat(pages).isEmpty();
    assertThat(pointsInTime(docs)).isZero();
    assertThat(fixture.othersThan(docs, "acme")).isEqualTo(before).hasSize(30);
  }

  @Test
  void givenOnlyUnroutedAcmeDocs_whenPurged_thenTheCountFindsThemAndTheyAreDeleted()
      throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme", "unrouted", 25, "x", false);
    fixture.index(docs, "acme-eu", "e", 5, "x", true);

    IndexCursor done =
        store.purge(ACME, docs, IndexCursor.START, 1000, 4, IndexJournal.NONE, c -> {});

    assertThat(done.deleted()).isEqualTo(25);
    assertThat(store.count(ACME, docs)).isZero();
    assertThat(store.count(TenantId.of("acme-eu"), docs)).isEqualTo(5);
  }

  @Test
  void givenLogIndicesWithoutAcme_whenPatternPurged_thenTheCursorIsUnchangedAndNoPitIsOpened()
      throws Exception {
    List<String> logs = List.of("logs-" + env + "-a", "logs-" + env + "-b");
    for (String index : logs) {
      fixture.createIndex(index);
      fixture.index(index, "acme-eu", index, 10, "acme", true);
    }
    List<IndexCursor> pages = new ArrayList<>();

    IndexCursor done =
        store.purgeAll(ACME, TenantIndexStore.logsPattern(env), IndexCursor.START, 500, pages::add);

    assertThat(done).isEqualTo(IndexCursor.START);
    assertThat(pages).isEmpty();
    for (String index : logs) {
      assertThat(pointsInTime(index)).isZero();
    }
    assertThat(store.usage(TenantId.of("acme-eu"), TenantIndexStore.logsPattern(env)))
        .isEqualTo(new IndexUsage(20));
  }

  @Test
  void givenClosedIndices_whenPurgedOrCounted_thenBothFailInsteadOfCountingZero() throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    String logs = "logs-" + env + "-closed";
    for (String index : List.of(docs, logs)) {
      fixture.createIndex(index);
      fixture.index(index, "acme", "a", 3, "x", true);
      fixture.client.indices().close(c -> c.index(index));
    }
    try {
      assertThatThrownBy(() -> store.purge(ACME, docs, IndexCursor.START, 1000, c -> {}))
          .hasMessageContaining("closed");
      assertThatThrownBy(
              () ->
                  store.purgeAll(
                      ACME, TenantIndexStore.logsPattern(env), IndexCursor.START, 1000, c -> {}))
          .hasMessageContaining("closed");
      // verification's count: a closed index it cannot read must not make the receipt say 0
      assertThatThrownBy(() -> store.count(ACME, TenantIndexStore.logsPattern(env)))
          .hasMessageContaining("closed");
      assertThatThrownBy(() -> store.count(ACME, docs)).hasMessageContaining("closed");
    } finally {
      fixture.client.indices().open(o -> o.index(docs + "," + logs));
    }
    assertThat(store.count(ACME, docs + "," + logs)).isEqualTo(6);
  }

  // Points in time ever opened on the index (its search stats).
  private long pointsInTime(String index) throws Exception {
    Long total =
        fixture
            .client
            .indices()
            .stats(s -> s.index(index).metric(IndicesStatsMetric.Search))
            .indices()
            .get(index)
            .total()
            .search()
            .pointInTimeTotal();
    return total == null ? 0 : total;
  }

  /**
   * {@code docs-{env}} with {@code acmeDocs} routed acme docs plus 10 a writer indexed without
   * routing, 400 each of acme-eu / acme2 / acm, and 50 docs of another tenant whose text says
   * "acme" (a full-text match would take them).
   */
  private String seedDocs(int acmeDocs) throws Exception {
    String docs = TenantIndexStore.docsIndex(env);
    fixture.createIndex(docs);
    fixture.index(docs, "acme", "acme", acmeDocs, "hello from acme", true);
    fixture.index(docs, "acme", "unrouted", 10, "hello from acme", false);
    for (String neighbour : NEIGHBOURS) {
      fixture.index(docs, neighbour, neighbour, 400, "acme acme " + neighbour, true);
    }
    fixture.index(docs, "globex", "globex", 50, "acme is our competitor", true);
    return docs;
  }
}
