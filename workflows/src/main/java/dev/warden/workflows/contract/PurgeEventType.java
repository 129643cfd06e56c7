package dev.warden.workflows.contract;

/** The DatasetEvent types a purge emits (a subset of the engines' event types, same names). */
public enum PurgeEventType {
  PURGE_REQUESTED,
  STEP_STARTED,
  STEP_COMPLETED,
  STEP_FAILED,
  PURGE_VERIFIED,
  /** Verification found data left in a store; the step is run again (a repair). */
  PURGE_RESIDUE_FOUND,
  PURGE_COMPLETED,
  PURGE_CANCELLED,
  PURGE_FAILED,
  /** The preflight found a store that cannot be purged exactly; nothing was deleted. */
  PURGE_PREFLIGHT_FAILED,
  /** The logs step kept archive lines whose tenant cannot be read (counted, never shown). */
  LOG_LINES_UNATTRIBUTABLE,
  KILL_SWITCH_BLOCKED,
  /** A compliance user approved the purge (one event per approver; the actor is the approver). */
  PURGE_APPROVED,
  /** A compliance user rejected the purge while it awaited approval; it ended, nothing deleted. */
  PURGE_REJECTED,
  /** No approval arrived in time; the purge ended, nothing deleted. */
  PURGE_APPROVAL_EXPIRED,
  /**
   * A signal no decision recorded by the API backs (sent straight to Temporal, naming someone, or
   * another purge's decision) was ignored; the purge goes on as before.
   */
  SIGNAL_REFUSED
}
