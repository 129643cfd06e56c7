package dev.warden.workflows.contract;

/** Lifecycle of a purge as stored in PostgreSQL, shown by the API and in Temporal UI. */
public enum PurgeStatus {
  REQUESTED,
  /** Waits for a second compliance user's approval (WARDEN_PURGE_APPROVALS), before any grace. */
  AWAITING_APPROVAL,
  WAITING_GRACE_PERIOD,
  RUNNING,
  /** An engaged kill switch applies: the purge waits and re-checks; it never skips the step. */
  BLOCKED_BY_KILL_SWITCH,
  /** A step failed after its retries, or verification found residue: an operator must retry. */
  NEEDS_ATTENTION,
  COMPLETED,
  CANCELLED,
  /** A compliance user other than the requester rejected it; nothing was deleted. */
  REJECTED,
  /** No approval arrived within WARDEN_PURGE_APPROVAL_TIMEOUT; nothing was deleted. */
  EXPIRED,
  FAILED;
}
