package dev.warden.engines.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.purge.PurgeDecisions.Decision;
import dev.warden.engines.purge.PurgeDecisions.Kind;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Decisions the API records, as the workflow takes them, on the real PostgreSQL. */
@ExtendWith(DevStackExtension.class)
class PurgeDecisionsIT {

  private PurgeRecordStore store;
  private PurgeDecisions decisions;

  @BeforeEach
  void setUp() {
    JdbcClient jdbc = new DbFixture(DevStackExtension.endpoints()).jdbc();
    store = new PurgeRecordStore(jdbc);
    decisions = store.decisions();
  }

  private UUID purge() {
    TenantId tenant = TenantId.of("dec-" + UUID.randomUUID().toString().substring(0, 8));
    return store
        .admit(
            PurgeRecord.requested(tenant, Env.of("prod"), "user:dpo", "GDPR art. 17", null, "t"),
            r -> "wf-" + r.tenantId())
        .purge()
        .purgeId();
  }

  @Test
  void givenARecordedApproval_whenItsRunTakesIt_thenItIsTakenOnceAndTheSameRunMayRepeat() {
    UUID purge = purge();
    UUID id = decisions.record(purge, Kind.APPROVE, "user:compliance-2", null, null).orElseThrow();

    Decision taken = decisions.claim(id, purge, Kind.APPROVE, "run-1").orElseThrow();

    assertThat(taken.actor()).isEqualTo("user:compliance-2");
    assertThat(taken.usedByRun()).isEqualTo("run-1");
    assertThat(decisions.claim(id, purge, Kind.APPROVE, "run-1"))
        .as("a repeated local activity of the same run")
        .isPresent();
    assertThat(decisions.claim(id, purge, Kind.APPROVE, "run-2"))
        .as("another run (a reset, a replay elsewhere) cannot use it again")
        .isEmpty();
  }

  @Test
  void givenADecisionForAnotherPurgeOrKind_whenClaimed_thenRefusedAndLeftUnused() {
    UUID purge = purge();
    UUID other = purge();
    UUID id = decisions.record(purge, Kind.APPROVE, "user:compliance-2", null, null).orElseThrow();

    assertThat(decisions.claim(id, other, Kind.APPROVE, "run-1")).isEmpty();
    assertThat(decisions.claim(id, purge, Kind.REJECT, "run-1")).isEmpty();
    assertThat(decisions.claim(UUID.randomUUID(), purge, Kind.APPROVE, "run-1")).isEmpty();
    assertThat(decisions.find(id).orElseThrow().usedByRun()).isNull();
  }

  @Test
  void givenOnePersonApprovingTwice_whenRecorded_thenTheSecondIsRefused() {
    UUID purge = purge();

    UUID first =
        decisions.record(purge, Kind.APPROVE, "user:compliance-2", null, null).orElseThrow();
    assertThat(decisions.record(purge, Kind.APPROVE, "user:compliance-2", null, null)).isEmpty();
    assertThat(decisions.record(purge, Kind.APPROVE, "user:compliance-3", null, null)).isPresent();

    assertThat(decisions.untakenApproval(purge, "user:compliance-2"))
        .as("not taken yet: the API may signal it again")
        .contains(first);
    decisions.claim(first, purge, Kind.APPROVE, "run-1");
    assertThat(decisions.untakenApproval(purge, "user:compliance-2")).isEmpty();
  }

  @Test
  void givenAnExtension_whenTaken_thenItCarriesItsNewDueDateAndReason() {
    UUID purge = purge();
    Instant due = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    UUID id = decisions.record(purge, Kind.EXTEND, "client:svc", "scans", due).orElseThrow();

    Decision taken = decisions.claim(id, purge, Kind.EXTEND, "run-1").orElseThrow();

    assertThat(taken.dueAt()).isEqualTo(due);
    assertThat(taken.reason()).isEqualTo("scans");
  }
}
