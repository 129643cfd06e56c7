package dev.warden.api.reconcile;

import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import java.time.Instant;
import java.util.List;

/** A reconciliation run as the API shows it: status, counts and the tenants with drift. */
record ReconciliationView(
    String reconciliationId,
    String env,
    String status,
    boolean dryRun,
    String mode,
    List<String> tenantIds,
    String requestedBy,
    String workflowId,
    Instant requestedAt,
    Instant snapshotAt,
    Instant completedAt,
    String detail,
    Counts counts,
    long driftBytes,
    List<ReconciliationTenants.Drift> tenantsWithDrift) {

  /** How many tenants the run knows, and what it did to them so far. */
  record Counts(
      long tenants,
      long measured,
      long reconciled,
      long changed,
      long unchanged,
      long deferred,
      long failed,
      long withDrift) {}

  static ReconciliationView of(
      ReconciliationRuns.Run run,
      ReconciliationTenants.Counts n,
      List<ReconciliationTenants.Drift> drift) {
    return new ReconciliationView(
        run.reconciliationId(),
        run.env(),
        run.status(),
        run.dryRun(),
        run.mode(),
        run.tenantIds(),
        run.requestedBy(),
        run.workflowId(),
        run.requestedAt(),
        run.snapshotAt(),
        run.completedAt(),
        run.detail(),
        new Counts(
            n.total(),
            n.measured() + n.done() + n.failed(),
            n.done(),
            n.applied(),
            n.unchanged() + n.dryRun(),
            n.deferred(),
            n.failed(),
            n.withDrift()),
        n.driftBytes(),
        drift);
  }
}
