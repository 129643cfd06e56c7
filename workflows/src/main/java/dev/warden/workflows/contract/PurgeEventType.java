package dev.warden.workflows.contract;

/** The DatasetEvent types a purge emits (a subset of the engines' event types, same names). */
public enum PurgeEventType {
  PURGE_REQUESTED,
  STEP_STARTED,
  STEP_COMPLETED,
  STEP_FAILED,
  PURGE_VERIFIED,
  PURGE_COMPLETED,
  PURGE_CANCELLED,
  PURGE_FAILED,
  KILL_SWITCH_BLOCKED
}
