package dev.warden.workflows.contract;

/** Lifecycle of a purge as stored in PostgreSQL, shown by the API and in Temporal UI. */
public enum PurgeStatus {
  REQUESTED,
  WAITING_GRACE_PERIOD,
  RUNNING,
  /** An engaged kill switch applies: the purge waits and re-checks; it never skips the step. */
  BLOCKED_BY_KILL_SWITCH,
  /** A step failed after its retries, or verification found residue: an operator must retry. */
  NEEDS_ATTENTION,
  COMPLETED,
  CANCELLED,
  FAILED;
}
