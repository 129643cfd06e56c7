package dev.warden.workflows.purge;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Before anything is deleted (and before a dry run counts): checks that every store can be purged
 * and counted exactly. A store that cannot (a log index without an exact tenant field) parks the
 * purge in NEEDS_ATTENTION with nothing deleted yet; an operator fixes it and retries, which runs
 * the preflight again. Histories recorded before the preflight existed replay without it.
 */
final class Preflight {

  private static final String SUMMARY = "Check every store can be purged exactly";

  private final PurgeRun run;

  Preflight(PurgeRun run) {
    this.run = run;
  }

  /** True when the purge may go on; false when it was stopped while waiting for an operator. */
  boolean passes() {
    if (Workflow.getVersion(Purge.PREFLIGHT, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return true;
    }
    boolean local = Workflow.getVersion(Purge.PREFLIGHT_LOCAL, Workflow.DEFAULT_VERSION, 1) == 1;
    int attempt = 0;
    while (!run.stopped()) {
      List<String> problems;
      try {
        problems =
            local
                ? run.stubs.preflightLocally(SUMMARY, run.request)
                : run.stubs.preflight(SUMMARY).preflight(run.request);
        run.outages.recovered();
      } catch (ActivityFailure failure) {
        if (!waitedOutOrParked(failure)) {
          return false;
        }
        continue;
      }
      if (problems.isEmpty()) {
        return true;
      }
      String message =
          "preflight: nothing deleted; these cannot be purged exactly: "
              + String.join("; ", problems);
      run.setStatus(PurgeStatus.NEEDS_ATTENTION, null, message);
      run.emit(
          PurgeEventType.PURGE_PREFLIGHT_FAILED,
          null,
          ++attempt,
          Map.of("cause", message, "type", Failures.UNPURGEABLE.type()));
      if (!run.awaitOperator()) {
        return false;
      }
    }
    return false;
  }

  /**
   * A store outage is waited out; any other failure (or an outage past its tolerance) parks the
   * purge for an operator. False when the purge was stopped while parked.
   */
  private boolean waitedOutOrParked(ActivityFailure failure) {
    ApplicationFailure cause = failure.getCause() instanceof ApplicationFailure app ? app : null;
    if (run.outages.waitedOut(null, cause)) {
      return true; // the caller's loop checks for a stop, then asks again
    }
    run.outages.recovered();
    if (Workflow.getVersion(Purge.PARK_ON_PREFLIGHT_FAILURE, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      throw failure;
    }
    String message =
        "preflight failed: "
            + (run.outages.exhausted() != null
                ? run.outages.exhausted()
                : cause != null ? cause.getOriginalMessage() : String.valueOf(failure.getCause()));
    run.setStatus(PurgeStatus.NEEDS_ATTENTION, null, message);
    run.emit(
        PurgeEventType.STEP_FAILED,
        null,
        ++run.countFailures,
        Map.of(
            "cause",
            message,
            "type",
            cause != null ? cause.getType() : Failures.STEP_ERROR.type()));
    return run.awaitOperator();
  }
}
