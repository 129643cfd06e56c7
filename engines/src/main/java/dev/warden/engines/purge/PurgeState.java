package dev.warden.engines.purge;

/** Stored lifecycle of a purge request. REQUESTED and RUNNING are "active": at most one each. */
public enum PurgeState {
  REQUESTED,
  RUNNING,
  COMPLETED,
  FAILED;

  public boolean isActive() {
    return this == REQUESTED || this == RUNNING;
  }
}
