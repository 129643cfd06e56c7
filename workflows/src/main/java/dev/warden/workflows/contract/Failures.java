package dev.warden.workflows.contract;

/** Failure types raised as {@code ApplicationFailure}; the non-retryable ones end retries early. */
public enum Failures {
  /** The input can never succeed (bad tenant id, wrong environment): retrying will not help. */
  INVALID_REQUEST,
  /** A store refused some deletions; retryable, the next attempt resumes from the cursor. */
  PARTIAL_DELETION;

  public String type() {
    return "warden." + name();
  }
}
