package dev.warden.workflows.purge;

import static dev.warden.workflows.contract.PurgeEventType.LOG_LINES_UNATTRIBUTABLE;
import static dev.warden.workflows.contract.PurgeEventType.STEP_COMPLETED;
import static dev.warden.workflows.contract.PurgeEventType.STEP_FAILED;
import static dev.warden.workflows.contract.PurgeEventType.STEP_STARTED;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * One store step to its end: guard, attempt, record the totals; a kill switch makes it wait and
 * resume, a stop ends it, any other failure parks the purge in NEEDS_ATTENTION for an operator.
 */
final class StepRunner {

  private static final Logger log = Workflow.getLogger(StepRunner.class);

  private final PurgeRun run;
  private final KillSwitchWait guard;
  private final OutageWait outages;

  StepRunner(PurgeRun run) {
    this.run = run;
    this.guard = new KillSwitchWait(run);
    this.outages = run.outages;
  }

  /**
   * Runs one step until it succeeds; false when the purge was stopped instead. With transitions the
   * step costs transition → step → transition: the guard's transition also writes the step's start,
   * and its completion waits for the next transition (the next step's start, verification, the
   * receipt).
   */
  boolean run(PurgeStep step) {
    while (run.stopReason == null) {
      if (!guard.await(step, () -> start(step))) {
        return false;
      }
      boolean sameAttempt = sameAttempt();
      int attempt = sameAttempt ? run.state.attempts(step) : run.state.start(step);
      if (!sameAttempt) {
        if (run.writes.transitions()) {
          run.show(PurgeStatus.RUNNING, step, detail(step, attempt)); // the guard recorded it
        } else {
          run.setStatus(PurgeStatus.RUNNING, step, detail(step, attempt));
          run.emit(STEP_STARTED, step, attempt, startAttributes());
        }
        run.retriedBy = null;
      }
      try {
        StepResult result = run.stubs.run(step, run.request);
        outages.recovered();
        StepResult total = run.state.done(step, result);
        run.writes.totalLater(total);
        run.emitLater(
            STEP_COMPLETED,
            step,
            attempt,
            Map.of(
                "items",
                Long.toString(result.items()),
                "bytes",
                Long.toString(result.bytes()),
                "totalItems",
                Long.toString(total.items())));
        if (result.unattributable() > 0) {
          run.emitLater(
              LOG_LINES_UNATTRIBUTABLE,
              step,
              attempt,
              Map.of("lines", Long.toString(result.unattributable())));
        }
        return true;
      } catch (ActivityFailure failure) {
        ApplicationFailure cause = applicationCause(failure);
        run.state.add(step, partial(cause));
        String type = cause == null ? "" : cause.getType();
        if (Failures.KILL_SWITCH_ENGAGED.type().equals(type)) {
          outages.recovered();
          continue; // the guard now blocks until the switch is released, then the step resumes
        }
        if (Failures.PURGE_STOPPED.type().equals(type)) {
          run.stopReason = run.stopReason != null ? run.stopReason : cause.getOriginalMessage();
          return false;
        }
        if (outages.waitedOut(step, cause)) {
          continue; // the store is out; the loop checks for a stop, then runs the step again
        }
        outages.recovered();
        String message =
            outages.exhausted() != null
                ? outages.exhausted()
                : cause == null ? String.valueOf(failure.getCause()) : cause.getOriginalMessage();
        run.state.failed(step, message);
        run.setStatus(PurgeStatus.NEEDS_ATTENTION, step, message);
        run.emit(STEP_FAILED, step, attempt, Map.of("cause", message, "type", type));
        if (!run.awaitOperator()) {
          return false;
        }
      }
    }
    return false;
  }

  // Waiting out an outage goes on with the same attempt: no new STEP_STARTED, and the status keeps
  // saying what it waits for (unless a kill switch blocked the step meanwhile).
  private boolean sameAttempt() {
    return outages.waiting() && run.state.status() == PurgeStatus.RUNNING;
  }

  /** What the guard's transition writes when it allows the step (nothing without transitions). */
  private List<RecordWrite> start(PurgeStep step) {
    if (!run.writes.transitions() || sameAttempt()) {
      return List.of();
    }
    int attempt = run.state.attempts(step) + 1;
    return List.of(
        RecordWrite.status(PurgeStatus.RUNNING, step, detail(step, attempt)),
        RecordWrite.event(
            new PurgeEvent(run.request, STEP_STARTED, step, attempt, startAttributes())));
  }

  private static String detail(PurgeStep step, int attempt) {
    return "step " + step + ", attempt " + attempt;
  }

  // Activity input only: adding an attribute changes no command, so replays are unaffected.
  private Map<String, String> startAttributes() {
    Map<String, String> attributes = new TreeMap<>();
    if (run.retriedBy != null) {
      attributes.put("retriedBy", run.retriedBy);
    }
    if (run.repairing) {
      attributes.put("repair", "true");
    }
    return attributes;
  }

  private static ApplicationFailure applicationCause(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app : null;
  }

  // Store activities attach what they had deleted when they failed, so totals stay exact.
  private static StepResult partial(ApplicationFailure cause) {
    if (cause == null || cause.getDetails().getSize() == 0) {
      return null;
    }
    try {
      return cause.getDetails().get(StepResult.class);
    } catch (RuntimeException notAStepResult) {
      log.warn("failure details are not a StepResult: {}", notAStepResult.getMessage());
      return null;
    }
  }
}
