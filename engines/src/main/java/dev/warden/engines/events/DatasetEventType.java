package dev.warden.engines.events;

/**
 * Every kind of audit event Warden writes. Names are stable: dashboards and exports key on them.
 */
public enum DatasetEventType {
  PURGE_REQUESTED,
  STEP_STARTED,
  STEP_COMPLETED,
  STEP_FAILED,
  PURGE_VERIFIED,
  PURGE_RESIDUE_FOUND,
  PURGE_COMPLETED,
  PURGE_CANCELLED,
  PURGE_FAILED,
  PURGE_PREFLIGHT_FAILED,
  LOG_LINES_UNATTRIBUTABLE,
  PURGE_REFUSED,
  PURGE_CANCEL_REQUESTED,
  PURGE_RETRY_REQUESTED,
  PURGE_APPROVED,
  PURGE_REJECTED,
  PURGE_APPROVAL_EXPIRED,
  PURGE_DEADLINE_EXTENDED,
  /** Compliance asked (through the API) to approve a purge; the workflow then takes it. */
  PURGE_APPROVE_REQUESTED,
  /** Compliance asked (through the API) to reject a purge; the workflow then takes it. */
  PURGE_REJECT_REQUESTED,
  /**
   * A purge's workflow ignored a signal that no decision the API recorded backs (sent straight to
   * Temporal, or naming another purge's decision).
   */
  SIGNAL_REFUSED,
  LEGAL_HOLD_PLACED,
  LEGAL_HOLD_RELEASED,
  TENANT_WRITE_REFUSED,
  TENANT_REOPENED,
  QUOTA_EXCEEDED,
  QUOTA_LIMITS_CHANGED,
  QUOTA_RECONCILED,
  QUOTA_RECONCILIATION_COMPLETED,
  RATE_LIMITED,
  KILL_SWITCH_CHANGED,
  KILL_SWITCH_BLOCKED,
  ARCHIVE_INDEX_MISMATCH
}
