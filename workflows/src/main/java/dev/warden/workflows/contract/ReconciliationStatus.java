package dev.warden.workflows.contract;

/** A reconciliation run as the API and Temporal UI show it. */
public enum ReconciliationStatus {
  RUNNING,
  /** An engaged kill switch applies: the run waits and re-checks; it never skips a tenant. */
  BLOCKED_BY_KILL_SWITCH,
  COMPLETED,
  /** The run as a whole failed; tenants it had not corrected keep their previous ledger rows. */
  FAILED,
  /** Another run of the environment was running: this one did nothing. */
  SKIPPED
}
