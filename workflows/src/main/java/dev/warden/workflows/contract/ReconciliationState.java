package dev.warden.workflows.contract;

/**
 * Where a run stands; small on purpose, as continue-as-new carries it. Tenants' figures live in
 * PostgreSQL ({@code reconciliation_tenants}), never in history.
 *
 * @param cursor the storage listing's opaque cursor (MEASURE)
 * @param afterTenant the last tenant a page of APPLY / RETRY_FAILED dealt with
 */
public record ReconciliationState(
    String reconciliationId,
    ReconcilePhase phase,
    String mode,
    String cursor,
    String afterTenant,
    int retryPass,
    long objectsListed,
    long tenantsMeasured,
    long tenantsDone,
    long tenantsChanged,
    long tenantsFailed,
    long tenantsDeferred,
    long driftBytes,
    String currentTenant,
    long startedAtMillis,
    int continuations) {

  public ReconciliationState measured(MeasurePage page) {
    return new ReconciliationState(
        reconciliationId,
        page.done() ? ReconcilePhase.APPLY : phase,
        mode,
        page.cursor(),
        afterTenant,
        retryPass,
        page.objectsListed(),
        tenantsMeasured + page.tenantsMeasured(),
        tenantsDone,
        tenantsChanged,
        tenantsFailed,
        tenantsDeferred,
        driftBytes,
        page.currentTenant(),
        startedAtMillis,
        continuations);
  }

  public ReconciliationState applied(ApplyPage page) {
    boolean retrying = phase == ReconcilePhase.RETRY_FAILED;
    return new ReconciliationState(
        reconciliationId,
        phase,
        mode,
        cursor,
        page.lastTenant() == null ? afterTenant : page.lastTenant(),
        retryPass,
        objectsListed,
        tenantsMeasured,
        tenantsDone + page.changed() + page.unchanged() + page.deferred(),
        tenantsChanged + page.changed(),
        // a retried tenant that now succeeds leaves the failed count
        retrying ? tenantsFailed - (page.tenants() - page.failed()) : tenantsFailed + page.failed(),
        tenantsDeferred + page.deferred(),
        driftBytes + page.driftBytes(),
        page.lastTenant() == null ? currentTenant : page.lastTenant(),
        startedAtMillis,
        continuations);
  }

  public ReconciliationState next(ReconcilePhase newPhase, int pass) {
    return new ReconciliationState(
        reconciliationId,
        newPhase,
        mode,
        cursor,
        null,
        pass,
        objectsListed,
        tenantsMeasured,
        tenantsDone,
        tenantsChanged,
        tenantsFailed,
        tenantsDeferred,
        driftBytes,
        currentTenant,
        startedAtMillis,
        continuations);
  }

  public ReconciliationState continued() {
    return new ReconciliationState(
        reconciliationId,
        phase,
        mode,
        cursor,
        afterTenant,
        retryPass,
        objectsListed,
        tenantsMeasured,
        tenantsDone,
        tenantsChanged,
        tenantsFailed,
        tenantsDeferred,
        driftBytes,
        currentTenant,
        startedAtMillis,
        continuations + 1);
  }
}
