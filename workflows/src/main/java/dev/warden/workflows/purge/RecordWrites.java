package dev.warden.workflows.purge;

import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a run writes its record. With transitions (behind {@link Purge#TRANSITIONS}) the writes, the
 * kill-switch guard and the legal-hold check travel together in transitions, each one local
 * activity and one PostgreSQL transaction; a write made "later" waits for the run's next transition
 * (a step's completion goes with the next step's start), and every wait, count and end of the run
 * flushes what waits first. Without (histories recorded before), each write is its own activity, as
 * it was.
 */
final class RecordWrites {

  private final PurgeRun run;
  private final List<RecordWrite> pending = new ArrayList<>();
  private boolean transitions;

  RecordWrites(PurgeRun run) {
    this.run = run;
  }

  /** Decides, once at the start of the run, how this run writes its record. */
  void decide() {
    transitions =
        Workflow.getVersion(Purge.TRANSITIONS, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
  }

  boolean transitions() {
    return transitions;
  }

  /**
   * Marks the run started, emits PURGE_REQUESTED and asks whether a legal hold stands: one
   * transition (three activities without).
   */
  boolean begin(Map<String, String> requestAttributes) {
    String runId = Workflow.getInfo().getRunId();
    if (!transitions) {
      run.stubs.records.markRunning(run.request.purgeId(), runId);
      event(
          new PurgeEvent(run.request, PurgeEventType.PURGE_REQUESTED, null, 0, requestAttributes));
      return legalHoldActive();
    }
    pending.add(RecordWrite.started(runId));
    later(new PurgeEvent(run.request, PurgeEventType.PURGE_REQUESTED, null, 0, requestAttributes));
    return legalHoldActive();
  }

  boolean legalHoldActive() {
    return transitions
        ? transition(null, List.of(), true).legalHold()
        : run.stubs.records.legalHoldActive(run.request.tenantId(), run.request.env());
  }

  void status(PurgeStatus status, PurgeStep step, String detail) {
    if (transitions) {
      statusLater(status, step, detail);
      flush();
    } else {
      run.stubs.records.setStatus(run.request.purgeId(), status, step, detail);
    }
  }

  /** A status the next transition writes (a step's start or the receipt follows right away). */
  void statusLater(PurgeStatus status, PurgeStep step, String detail) {
    if (transitions) {
      pending.add(RecordWrite.status(status, step, detail));
    } else {
      status(status, step, detail);
    }
  }

  void event(PurgeEvent event) {
    later(event);
    flush();
  }

  /** An event the next transition emits (at once without transitions). */
  void later(PurgeEvent event) {
    if (transitions) {
      pending.add(RecordWrite.event(event));
    } else {
      run.stubs.records.emit(event);
    }
  }

  /** A step's running total, which the next transition records (at once without transitions). */
  void totalLater(StepResult total) {
    if (transitions) {
      pending.add(RecordWrite.total(total));
    } else {
      run.stubs.records.recordStep(run.request.purgeId(), total);
    }
  }

  /** The receipt and the final status, which the next transition (the last event) stores. */
  void completeLater(PurgeOutcome outcome) {
    if (transitions) {
      pending.add(RecordWrite.complete(outcome));
    } else {
      run.stubs.records.complete(outcome);
    }
  }

  /**
   * The kill-switch guard for {@code step}, with what waits and, when the guard allows the step,
   * {@code ifAllowed} (its start) in one transaction. Without transitions: the guard's activity
   * only; the caller writes the start itself.
   */
  GuardDecision guard(PurgeStep step, List<RecordWrite> ifAllowed) {
    return transitions
        ? transition(step, ifAllowed, false).guard()
        : run.stubs.guard.check(run.request, step);
  }

  /** Writes what waits, if anything does. */
  void flush() {
    if (!pending.isEmpty()) {
      transition(null, List.of(), false);
    }
  }

  private TransitionResult transition(
      PurgeStep guarded, List<RecordWrite> ifAllowed, boolean askLegalHold) {
    TransitionResult result =
        run.stubs.transition(
            new Transition(run.request, pending, guarded, ifAllowed, askLegalHold));
    pending.clear();
    return result;
  }
}
