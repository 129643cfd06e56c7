package dev.warden.activities.step;

import dev.warden.activities.guard.PurgeStoppedException;
import dev.warden.engines.killswitch.KillSwitchBlockedException;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.StepResult;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns what stopped a store step into the failure the workflow understands, with what the step had
 * deleted by then as details, so the purge's totals stay exact across attempts.
 */
public final class StepFailures {
  private StepFailures() {}

  public static ApplicationFailure of(RuntimeException cause, StepResult deletedSoFar) {
    if (cause instanceof ApplicationFailure app) {
      return app;
    }
    if (cause instanceof KillSwitchBlockedException blocked) {
      return nonRetryable(
          "kill switch " + blocked.scope().key() + " engaged: " + blocked.reason(),
          Failures.KILL_SWITCH_ENGAGED,
          deletedSoFar);
    }
    if (cause instanceof KillSwitchUnavailableException unknown) {
      return nonRetryable(unknown.getMessage(), Failures.KILL_SWITCH_ENGAGED, deletedSoFar);
    }
    if (cause instanceof PurgeStoppedException stopped) {
      return nonRetryable(stopped.getMessage(), Failures.PURGE_STOPPED, deletedSoFar);
    }
    if (cause instanceof InvalidIdentifierException invalid) {
      return nonRetryable(invalid.getMessage(), Failures.INVALID_REQUEST, deletedSoFar);
    }
    Failures type =
        cause.getClass().getSimpleName().endsWith("DeletionException")
            ? Failures.PARTIAL_DELETION
            : Failures.STORE_UNAVAILABLE;
    return ApplicationFailure.newFailureWithCause(
        String.valueOf(cause.getMessage()), type.type(), cause, deletedSoFar);
  }

  private static ApplicationFailure nonRetryable(String message, Failures type, StepResult sofar) {
    return ApplicationFailure.newNonRetryableFailure(message, type.type(), sofar);
  }
}
