package dev.warden.workflows.contract;

/** Lifecycle of a purge as stored in PostgreSQL and shown by the API. */
public enum PurgeStatus {
  REQUESTED,
  RUNNING,
  COMPLETED,
  FAILED;

  public boolean isActive() {
    return this == REQUESTED || this == RUNNING;
  }
}
