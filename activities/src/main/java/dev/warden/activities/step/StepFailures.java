package dev.warden.activities.step;

import dev.warden.activities.guard.PurgeStoppedException;
import dev.warden.engines.failure.StoreDeletionException;
import dev.warden.engines.failure.StoreFailure;
import dev.warden.engines.killswitch.KillSwitchBlockedException;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.engines.opensearch.OpenSearchFailures;
import dev.warden.engines.s3.S3Failures;
import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreOutage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns what stopped a store step into the failure the workflow understands, with what the step had
 * deleted by then as details, so the purge's totals stay exact across attempts. A store outage
 * carries the outage tolerance too, so the workflow knows how long to wait it out; a store's
 * refusal is non-retryable, so an operator hears of it at once.
 */
public final class StepFailures {
  private StepFailures() {}

  /** As {@link #of(RuntimeException, StepResult, Duration)} with the default tolerance. */
  public static ApplicationFailure of(RuntimeException cause, StepResult deletedSoFar) {
    return of(cause, deletedSoFar, HeartbeatingStep.DEFAULT_OUTAGE_TOLERANCE);
  }

  public static ApplicationFailure of(
      RuntimeException cause, StepResult deletedSoFar, Duration outageTolerance) {
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
    StoreFailure store = classify(cause).orElse(null);
    if (store == null) {
      return ApplicationFailure.newFailureWithCause(
          String.valueOf(cause.getMessage()), Failures.STEP_ERROR.type(), cause, deletedSoFar);
    }
    if (!store.outage()) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          store.message(), Failures.STORE_REFUSED.type(), cause, deletedSoFar);
    }
    Failures type =
        cause instanceof StoreDeletionException
            ? Failures.PARTIAL_DELETION
            : Failures.STORE_UNAVAILABLE;
    return ApplicationFailure.newFailureWithCause(
        store.message(),
        type.type(),
        cause,
        deletedSoFar,
        new StoreOutage(store.store().label(), outageTolerance.toSeconds()));
  }

  /**
   * What a store failure means, from the first link of the cause chain that a store's adapter
   * recognises; empty when none does (a bug, a local disk, anything nobody has classified).
   */
  public static Optional<StoreFailure> classify(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof StoreDeletionException refused) {
        return Optional.of(refused.failure());
      }
      Throwable link = t;
      Optional<StoreFailure> known =
          S3Failures.classify(link).or(() -> OpenSearchFailures.classify(link));
      if (known.isPresent()) {
        return known;
      }
    }
    return Optional.empty();
  }

  private static ApplicationFailure nonRetryable(String message, Failures type, StepResult sofar) {
    return ApplicationFailure.newNonRetryableFailure(message, type.type(), sofar);
  }
}
