package dev.warden.engines.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.purge.PurgeDeadlines.Extension;
import dev.warden.engines.purge.PurgeDeadlines.StatusCount;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/** GDPR deadlines in PostgreSQL: due dates, bounded extensions, overdue, on time, status age. */
@ExtendWith(DevStackExtension.class)
class PurgeDeadlineStoreIT {

  private JdbcClient jdbc;
  private PurgeRecordStore store;
  private PurgeDeadlines deadlines;
  private TenantId tenant;
  private Env env;

  @BeforeEach
  void setUp() {
    jdbc = new DbFixture(DevStackExtension.endpoints()).jdbc();
    store = new PurgeRecordStore(jdbc);
    deadlines = new PurgeDeadlines(jdbc, store);
    tenant = TenantId.of("dl-" + UUID.randomUUID().toString().substring(0, 8));
    // An env of its own, so the per-env counts see only this test's purges.
    env = Env.of("dl" + UUID.randomUUID().toString().substring(0, 6));
  }

  private PurgeRecord admit(Instant receivedAt) {
    return store
        .admit(
            PurgeRecord.requested(tenant, env, "user:dpo", "GDPR art. 17", null, "t")
                .withReceivedAt(receivedAt),
            r -> "wf-" + r.tenantId())
        .purge();
  }

  @Test
  void givenNoReceivedAt_whenAdmitted_thenItIsDueThirtyDaysFromNow() {
    Instant before = Instant.now().minusSeconds(5);
    PurgeRecord purge = admit(null);

    assertThat(purge.receivedAt()).isBetween(before, Instant.now().plusSeconds(5));
    assertThat(purge.dueAt()).isEqualTo(purge.receivedAt().plus(Duration.ofDays(30)));
    assertThat(purge.initialDueAt()).isEqualTo(purge.dueAt());
    assertThat(purge.daysLeft(purge.receivedAt())).isEqualTo(30);
    assertThat(purge.overdue(Instant.now())).isFalse();
    assertThat(purge.finishedOnTime()).isNull();
  }

  @Test
  void givenExtensions_whenTheyPassTwoMonthsInTotal_thenTheLastIsRefusedAndTheDateStays() {
    Instant received = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PurgeRecord purge = admit(received);
    Instant limit = purge.initialDueAt().atOffset(ZoneOffset.UTC).plusMonths(2).toInstant();

    assertThat(deadlines.extendDeadline(purge.purgeId(), Duration.ofDays(30)))
        .isEqualTo(Extension.EXTENDED);
    assertThat(deadlines.extendDeadline(purge.purgeId(), Duration.ofDays(40)))
        .isEqualTo(Extension.LIMIT_EXCEEDED);
    PurgeRecord once = store.find(purge.purgeId()).orElseThrow();
    assertThat(once.dueAt()).isEqualTo(purge.dueAt().plus(Duration.ofDays(30)));

    Duration rest = Duration.between(once.dueAt(), limit);
    assertThat(deadlines.extendDeadline(purge.purgeId(), rest)).isEqualTo(Extension.EXTENDED);
    assertThat(store.find(purge.purgeId()).orElseThrow().dueAt()).isEqualTo(limit);
    assertThat(deadlines.extendDeadline(purge.purgeId(), Duration.ofSeconds(1)))
        .isEqualTo(Extension.LIMIT_EXCEEDED);
    assertThat(deadlines.extendDeadline(UUID.randomUUID(), Duration.ofDays(1)))
        .isEqualTo(Extension.NOT_FOUND);
    assertThatThrownBy(() -> deadlines.extendDeadline(purge.purgeId(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenALatePurge_whenListedAndCompleted_thenItIsOverdueAndTheReceiptSaysLate() {
    PurgeRecord late = admit(Instant.now().minus(Duration.ofDays(40)));
    store.setStatus(late.purgeId(), PurgeState.NEEDS_ATTENTION, "STORAGE", "failed");

    assertThat(store.overdue(tenant.value(), null, 10))
        .extracting(PurgeRecord::purgeId)
        .containsExactly(late.purgeId());
    assertThat(store.overdue(tenant.value(), PurgeState.RUNNING, 10)).isEmpty();
    PurgeRecord found = store.find(late.purgeId()).orElseThrow();
    assertThat(found.overdue(Instant.now())).isTrue();
    assertThat(found.daysLeft(Instant.now())).isEqualTo(-10);
    assertThat(deadlines.activeByStatus(env.value()))
        .containsExactly(new StatusCount(PurgeState.NEEDS_ATTENTION, 1, 1, 0));

    assertThat(store.complete(late.purgeId(), PurgeState.COMPLETED, "done", "{\"a\":1}"))
        .hasValueSatisfying(p -> assertThat(p.finishedOnTime()).isFalse());
    assertThat(store.complete(late.purgeId(), PurgeState.COMPLETED, "done", "{\"a\":1}"))
        .as("a repeat (retried activity) does not end it twice")
        .isEmpty();
    assertThat(store.receipt(late.purgeId()).orElseThrow())
        .contains("\"onTime\": false")
        .contains("\"dueAt\": \"" + found.dueAt().toString().substring(0, 19));
    assertThat(store.overdue(tenant.value(), null, 10)).isEmpty();
    assertThat(deadlines.activeByStatus(env.value())).isEmpty();
  }

  @Test
  void givenAPurgeOnTime_whenCompleted_thenItFinishedOnTime() {
    PurgeRecord purge = admit(null);
    assertThat(store.markRunning(purge.purgeId(), "run-1")).isTrue();
    assertThat(store.markRunning(purge.purgeId(), "run-1")).as("only the first start").isFalse();

    store.complete(purge.purgeId(), PurgeState.COMPLETED, "done", "{}");

    assertThat(store.find(purge.purgeId()).orElseThrow().finishedOnTime()).isTrue();
    assertThat(store.receipt(purge.purgeId()).orElseThrow()).contains("\"onTime\": true");
  }

  @Test
  void givenAStatusHeldForAnHour_whenCounted_thenTheOldestAgeIsAnHourAndARepeatKeepsIt() {
    PurgeRecord purge = admit(null);
    store.setStatus(purge.purgeId(), PurgeState.BLOCKED_BY_KILL_SWITCH, "STORAGE", "blocked");
    jdbc.sql(
            "update purge_requests set status_since = now() - interval '1 hour' where purge_id = ?")
        .param(purge.purgeId())
        .update();

    store.setStatus(purge.purgeId(), PurgeState.BLOCKED_BY_KILL_SWITCH, "STORAGE", "still");
    StatusCount blocked = deadlines.activeByStatus(env.value()).get(0);
    assertThat(blocked.status()).isEqualTo(PurgeState.BLOCKED_BY_KILL_SWITCH);
    assertThat(blocked.oldestSeconds()).isBetween(3_590L, 3_700L);

    store.setStatus(purge.purgeId(), PurgeState.RUNNING, "STORAGE", "released");
    assertThat(deadlines.activeByStatus(env.value()).get(0).oldestSeconds()).isLessThan(600);
  }

  @Test
  void givenAnExtensionPastTheBound_whenWrittenDirectly_thenTheDatabaseRefusesIt() {
    PurgeRecord purge = admit(null);
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "update purge_requests set due_at = initial_due_at + interval '3 months'"
                            + " where purge_id = ?")
                    .param(purge.purgeId())
                    .update())
        .hasMessageContaining("purge_requests_extension_bounded");
  }
}
