package dev.warden.engines.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.DbFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-tenant hash chain on the real PostgreSQL: concurrent writers keep one unbroken chain, and
 * a row changed, deleted or inserted by the database superuser (around the append-only trigger) is
 * found and named.
 */
@ExtendWith(DevStackExtension.class)
class EventChainIT {

  private JdbcClient jdbc;
  private DatasetEventStore store;
  private ChainVerifier verifier;
  private final String tenant = "chain-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    jdbc = new DbFixture(DevStackExtension.endpoints()).jdbc();
    store = new DatasetEventStore(jdbc, new ObjectMapper());
    verifier = new ChainVerifier(jdbc, store);
  }

  @Test
  void givenEightConcurrentWriters_whenTheyAppend_thenTheTenantHasOneUnbrokenChain()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> writes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      writes.add(() -> store.append(event(tenant, n)));
    }
    for (Future<Boolean> f : pool.invokeAll(writes)) {
      assertThat(f.get()).isTrue();
    }
    pool.shutdown();

    ChainVerifier.Report report = verifier.verify(tenant, null);

    assertThat(report.valid()).as("%s", report.firstBreak()).isTrue();
    assertThat(report.events()).isEqualTo(200);
    assertThat(report.head()).isEqualTo(lastHash(tenant));
  }

  @Test
  void givenTwoProcessesAppendingToSeveralTenantsAtOnce_whenVerified_thenEveryChainIsWhole()
      throws Exception {
    // Two stores are two processes' group commits (API replica, worker): their batches meet on
    // the same head rows. Every tenth event is appended by both at once, as a retry racing its
    // first attempt: stored once, and exactly one of the two is told it was stored.
    DbFixture db = new DbFixture(DevStackExtension.endpoints(), true);
    DatasetEventStore other = new DatasetEventStore(db.jdbc(), new ObjectMapper());
    List<String> tenants = List.of(tenant, tenant + "-a", tenant + "-b", tenant + "-c");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Integer>> writes = new ArrayList<>();
    int events = 600;
    for (int i = 0; i < events; i++) {
      DatasetEvent e = event(tenants.get(i % tenants.size()), i);
      boolean twice = i % 10 == 0;
      writes.add(() -> store.append(e) ? 1 : 0);
      if (twice) {
        writes.add(() -> other.append(e) ? 1 : 0);
      }
    }
    int told = 0;
    for (Future<Integer> f : pool.invokeAll(writes)) {
      told += f.get();
    }
    pool.shutdown();

    assertThat(told).as("each event reported stored exactly once").isEqualTo(events);
    int chained = 0;
    for (String t : tenants) {
      ChainVerifier.Report report = verifier.verify(t, null);
      assertThat(report.valid()).as("%s: %s", t, report.firstBreak()).isTrue();
      assertThat(report.head()).isEqualTo(lastHash(t));
      chained += report.events();
    }
    assertThat(chained).isEqualTo(events);
  }

  @Test
  void givenAnAppendInsideATransaction_whenItRollsBack_thenNeitherTheEventNorTheHeadRemain() {
    DbFixture db = new DbFixture(DevStackExtension.endpoints(), true);
    DatasetEventStore inTransactions = new DatasetEventStore(db.jdbc(), new ObjectMapper());
    appendFive();
    String head = verifier.verify(tenant, null).head();
    DatasetEvent e = event(tenant, 99);
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));

    tx.executeWithoutResult(
        status -> {
          assertThat(inTransactions.append(e)).isTrue();
          status.setRollbackOnly();
        });

    assertThat(store.findByTenant(tenant, null, 100))
        .noneMatch(stored -> stored.eventId().equals(e.eventId()));
    assertThat(verifier.verify(tenant, null).head()).isEqualTo(head);
    assertThat(verifier.verify(tenant, null).valid()).isTrue();
  }

  @Test
  void givenARetriedEvent_whenAppendedAgain_thenTheChainDoesNotMove() {
    DatasetEvent e = event(tenant, 1);
    assertThat(store.append(e)).isTrue();
    String head = verifier.verify(tenant, null).head();

    assertThat(store.append(e)).isFalse();

    assertThat(verifier.verify(tenant, null).head()).isEqualTo(head);
    assertThat(verifier.verify(tenant, null).valid()).isTrue();
  }

  @Test
  void givenARowUpdatedAsSuperuser_whenVerified_thenThatEventIsNamedAsChanged() {
    List<UUID> ids = appendFive();
    asSuperuser(
        "update dataset_events set attributes = '{\"n\":\"99\"}' where event_id = '%s'"
            .formatted(ids.get(2)));

    ChainVerifier.Report report = verifier.verify(tenant, null);

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBreak().eventId()).isEqualTo(ids.get(2));
    assertThat(report.firstBreak().problem()).contains("changed after it was written");
  }

  @Test
  void givenARowDeletedAsSuperuser_whenVerified_thenTheEventAfterTheGapIsNamed() {
    List<UUID> ids = appendFive();
    asSuperuser("delete from dataset_events where event_id = '%s'".formatted(ids.get(2)));

    ChainVerifier.Report report = verifier.verify(tenant, null);

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBreak().eventId()).isEqualTo(ids.get(3));
    assertThat(report.firstBreak().problem()).contains("was deleted");
  }

  @Test
  void givenTheLastRowDeletedAsSuperuser_whenVerified_thenTheChainEndsBeforeItsHead() {
    List<UUID> ids = appendFive();
    asSuperuser("delete from dataset_events where event_id = '%s'".formatted(ids.get(4)));

    ChainVerifier.Report report = verifier.verify(tenant, null);

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBreak().problem()).contains("its last events were deleted");
  }

  @Test
  void givenARowInsertedAsSuperuser_whenVerified_thenTheInsertedEventIsNamed() {
    appendFive();
    UUID forged = UUID.randomUUID();
    asSuperuser(
        ("insert into dataset_events (event_id, type, tenant_id, env, actor, occurred_at,"
                + " attributes) values ('%s', 'PURGE_COMPLETED', '%s', 'prod', 'user:x', now(),"
                + " '{}')")
            .formatted(forged, tenant));
    store.append(event(tenant, 6));

    ChainVerifier.Report report = verifier.verify(tenant, null);

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBreak().eventId()).isEqualTo(forged);
    assertThat(report.firstBreak().problem()).contains("inserted");
  }

  @Test
  void givenAHashOfTheChain_whenVerifiedWithIncludes_thenItsEventIsNamed() {
    List<UUID> ids = appendFive();
    String third =
        jdbc.sql("select hash from dataset_events where event_id = ?")
            .param(ids.get(2))
            .query(String.class)
            .single();

    ChainVerifier.Report report = verifier.verify(tenant, third);

    assertThat(report.valid()).isTrue();
    assertThat(report.includedAt()).isEqualTo(ids.get(2));
  }

  private List<UUID> appendFive() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      DatasetEvent e = event(tenant, i);
      store.append(e);
      ids.add(e.eventId());
    }
    assertThat(verifier.verify(tenant, null).valid()).isTrue();
    return ids;
  }

  // The superuser skips the append-only trigger for this session, as an insider could.
  private void asSuperuser(String sql) {
    jdbc.sql(
            "set session_replication_role = replica; "
                + sql
                + "; set session_replication_role = origin")
        .update();
  }

  private String lastHash(String tenantId) {
    return jdbc.sql("select hash from dataset_events where tenant_id = ? order by seq desc limit 1")
        .param(tenantId)
        .query(String.class)
        .single();
  }

  private static DatasetEvent event(String tenantId, int n) {
    return new DatasetEvent(
        UUID.randomUUID(),
        DatasetEventType.STEP_COMPLETED,
        tenantId,
        "prod",
        "system:worker",
        "trace-" + n,
        Instant.now(),
        Map.of("n", Integer.toString(n), "purgeId", "p-1"));
  }
}
