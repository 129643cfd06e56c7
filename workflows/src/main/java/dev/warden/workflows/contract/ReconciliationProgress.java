package dev.warden.workflows.contract;

/** Snapshot answered by the {@code progress} query. */
public record ReconciliationProgress(
    String reconciliationId,
    ReconciliationStatus status,
    ReconcilePhase phase,
    long objectsListed,
    long tenantsMeasured,
    long tenantsDone,
    long tenantsChanged,
    long tenantsFailed,
    long driftBytes,
    String currentTenant,
    String blockedBy,
    int continuations) {}
