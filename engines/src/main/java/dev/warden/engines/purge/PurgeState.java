package dev.warden.engines.purge;

/** Stored lifecycle of a purge request; at most one active purge per tenant and environment. */
public enum PurgeState {
  REQUESTED,
  WAITING_GRACE_PERIOD,
  RUNNING,
  BLOCKED_BY_KILL_SWITCH,
  NEEDS_ATTENTION,
  COMPLETED,
  CANCELLED,
  FAILED;

  public boolean isActive() {
    return this != COMPLETED && this != CANCELLED && this != FAILED;
  }
}
