package dev.warden.workflows.contract;

/** Task queue names, in one place so the worker and the API can never disagree. */
public final class TaskQueues {
  /** Tenant purges and their store activities. */
  public static final String PURGE = "warden-purge";

  /** The nightly quota reconciliation and its activities. */
  public static final String RECONCILE = "warden-reconcile";

  private TaskQueues() {}
}
