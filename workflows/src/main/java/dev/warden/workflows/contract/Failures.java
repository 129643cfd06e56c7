package dev.warden.workflows.contract;

/** Failure types raised as {@code ApplicationFailure}; the non-retryable ones end retries early. */
public enum Failures {
  /** The input can never succeed (bad tenant id, wrong environment): retrying will not help. */
  INVALID_REQUEST,
  /**
   * A store refused some deletions for a reason that passes (SlowDown, 503); retryable, the next
   * attempt resumes from the cursor. Details: the step's {@link StepResult}, a {@link StoreOutage}.
   */
  PARTIAL_DELETION,
  /**
   * A store could not be reached or said it is unavailable (refused connection, timeout, 503,
   * SlowDown, a red cluster); retryable, and the workflow waits the outage out up to its tolerance.
   * Details: the step's {@link StepResult}, a {@link StoreOutage}.
   */
  STORE_UNAVAILABLE,
  /**
   * A store answered with a refusal that retrying cannot fix (access denied, no such bucket, a
   * mapping that has no exact tenant field, a bad request): the purge asks an operator at once.
   */
  STORE_REFUSED,
  /** A step failed in a way nobody classified; retried a few times, then an operator decides. */
  STEP_ERROR,
  /**
   * An engaged kill switch stopped the step at a page boundary; the workflow waits, then redoes it.
   */
  KILL_SWITCH_ENGAGED,
  /** Compliance cancelled the purge (or a legal hold was placed); the step stopped at a page. */
  PURGE_STOPPED,
  /** Verification still counted data after its repairs: the type of the STEP_FAILED event. */
  RESIDUE,
  /** The preflight found a store that cannot be purged exactly; nothing was deleted. */
  UNPURGEABLE;

  public String type() {
    return "warden." + name();
  }

  /**
   * The failure types the activity's own retries must not repeat: bad input and refusals cannot be
   * fixed by a retry, and a kill switch or a stop is the workflow's to handle.
   */
  public static String[] nonRetryable() {
    return new String[] {
      INVALID_REQUEST.type(), KILL_SWITCH_ENGAGED.type(), PURGE_STOPPED.type(), STORE_REFUSED.type()
    };
  }
}
