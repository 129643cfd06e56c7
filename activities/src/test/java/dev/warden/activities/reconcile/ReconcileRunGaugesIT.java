package dev.warden.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.reconcile.ReconciliationRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciliation gauges read the runs table of their env: only a full, non-dry COMPLETED run is
 * a success; any FAILED run is a failure; another env's runs do not count.
 */
@ExtendWith(DevStackExtension.class)
class ReconcileRunGaugesIT {

  final ActivityFixture stores = new ActivityFixture();
  final String env = "gauge" + UUID.randomUUID().toString().substring(0, 8);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void givenRunsOfEveryKind_whenTheGaugesAreRead_thenOnlyAFullRunIsASuccessAndAFailureIsAFailure() {
    Instant t0 = Instant.parse("2026-11-01T02:00:00Z");
    new ReconcileRunGauges(runsAt(t0), env).bindTo(meters);
    assertThat(gauge("warden.reconcile.last.success.seconds")).as("never").isZero();
    assertThat(gauge("warden.reconcile.last.failure.seconds")).as("never").isZero();

    run(t0, null, false, "COMPLETED"); // full: the success
    run(t0.plusSeconds(60), List.of("acme"), false, "COMPLETED"); // one tenant: not nightly
    run(t0.plusSeconds(120), null, true, "COMPLETED"); // dry run: corrected nothing
    run(t0.plusSeconds(180), null, false, "FAILED");
    run(t0.plusSeconds(240), null, false, "SKIPPED"); // the Schedule found one running
    new ReconciliationRuns(stores.db.jdbc(), fixed(t0.plusSeconds(999)))
        .admit("other-" + env, "other" + env, null, false, "t", null, "w");

    SimpleMeterRegistry fresh = new SimpleMeterRegistry(); // the first gauges cached "never"
    new ReconcileRunGauges(runsAt(t0), env).bindTo(fresh);
    assertThat(fresh.get("warden.reconcile.last.success.seconds").tag("env", env).gauge().value())
        .isEqualTo(t0.getEpochSecond());
    assertThat(fresh.get("warden.reconcile.last.failure.seconds").tag("env", env).gauge().value())
        .isEqualTo(t0.plusSeconds(180).getEpochSecond());
  }

  private void run(Instant at, List<String> tenants, boolean dryRun, String end) {
    ReconciliationRuns runs = runsAt(at);
    String id = "run-" + UUID.randomUUID();
    if ("SKIPPED".equals(end)) {
      runs.skipped(id, env, "schedule", "w", "another run");
      return;
    }
    runs.admit(id, env, tenants, dryRun, "test", null, "w");
    runs.finish(id, end, null);
  }

  private ReconciliationRuns runsAt(Instant at) {
    return new ReconciliationRuns(stores.db.jdbc(), fixed(at));
  }

  private static Clock fixed(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  private double gauge(String name) {
    return meters.get(name).tag("env", env).gauge().value();
  }
}
