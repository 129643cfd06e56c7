package dev.warden.workflows.contract;

/** The parts of a reconciliation run, in order. */
public enum ReconcilePhase {
  /** List the stores (one sweep of tenants/, or tenant by tenant) and record usage per tenant. */
  MEASURE,
  /** Correct each measured tenant's ledger row against the run's snapshot. */
  APPLY,
  /** Try the tenants that failed once more (a store error, an index that was missing). */
  RETRY_FAILED,
  FINISHED
}
