package dev.warden.workflows.contract;

/** How a run ended; the counts come from PostgreSQL, so they are exact across retries. */
public record ReconciliationResult(
    String reconciliationId,
    ReconciliationStatus status,
    String mode,
    boolean dryRun,
    long tenantsTotal,
    long tenantsReconciled,
    long tenantsChanged,
    long tenantsDeferred,
    long tenantsFailed,
    long driftBytes,
    long objectsListed,
    int continuations,
    String detail) {}
