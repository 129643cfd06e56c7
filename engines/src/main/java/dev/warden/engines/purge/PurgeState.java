package dev.warden.engines.purge;

/** Stored lifecycle of a purge request; at most one active purge per tenant and environment. */
public enum PurgeState {
  REQUESTED,
  AWAITING_APPROVAL,
  WAITING_GRACE_PERIOD,
  RUNNING,
  BLOCKED_BY_KILL_SWITCH,
  NEEDS_ATTENTION,
  COMPLETED,
  CANCELLED,
  /** Rejected by a compliance user while awaiting approval; nothing was deleted. */
  REJECTED,
  /** No approval arrived in time; nothing was deleted. */
  EXPIRED,
  FAILED;

  public boolean isActive() {
    return switch (this) {
      case COMPLETED, CANCELLED, REJECTED, EXPIRED, FAILED -> false;
      default -> true;
    };
  }
}
