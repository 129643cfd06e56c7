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
  PURGE_COMPLETED,
  PURGE_CANCELLED,
  PURGE_FAILED,
  PURGE_REFUSED,
  PURGE_CANCEL_REQUESTED,
  PURGE_RETRY_REQUESTED,
  LEGAL_HOLD_PLACED,
  LEGAL_HOLD_RELEASED,
  QUOTA_EXCEEDED,
  QUOTA_RECONCILED,
  RATE_LIMITED,
  KILL_SWITCH_CHANGED,
  KILL_SWITCH_BLOCKED
}
