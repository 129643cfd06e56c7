package dev.warden.activities.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The reconciliation's metrics (the last success and failure times are gauges read from the runs
 * table, {@link ReconcileRunGauges}, so every worker replica reports them, restarts included). No
 * tenant tag: 10,000 tenants would be 10,000 series; the tenants with drift are in the run's report
 * and its events instead.
 */
public final class ReconcileMetrics {

  private final MeterRegistry registry;
  private final DistributionSummary drift;

  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.drift =
        DistributionSummary.builder("warden.reconcile.drift.bytes")
            .description("absolute drift corrected per tenant")
            .baseUnit("bytes")
            .register(registry);
  }

  /** One tenant dealt with: changed, unchanged, deferred, dry_run. */
  void tenant(String outcome, long driftBytes) {
    Counter.builder("warden.reconcile.tenants")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if ("changed".equals(outcome)) {
      drift.record(Math.abs(driftBytes));
    }
  }

  /** A tenant (kind {@code tenant}) or a whole run (kind {@code run}) failed. */
  void failure(String kind) {
    Counter.builder("warden.reconcile.failures").tag("kind", kind).register(registry).increment();
  }

  /** A run ended with this status after this long. */
  void run(String status, Duration duration) {
    Timer.builder("warden.reconcile.run.duration")
        .tag("status", status)
        .register(registry)
        .record(duration);
  }
}
