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
