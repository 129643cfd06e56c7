package dev.warden.workflows.purge;

import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import java.util.List;

/**
 * The record activities the workflow tests register: every single write goes to the mock {@code
 * records}, and a transition is taken apart into those same calls (the guard's check to {@code
 * guard}), in the order the real activity applies them. So the tests verify what a purge writes
 * whether it wrote it through transitions or one activity at a time.
 */
class TransitionsAsCalls implements PurgeRecordActivities {

  private final PurgeRecordActivities records;
  private final GuardActivities guard;

  TransitionsAsCalls(PurgeRecordActivities records, GuardActivities guard) {
    this.records = records;
    this.guard = guard;
  }

  @Override
  public TransitionResult transition(Transition transition) {
    String purgeId = transition.request().purgeId();
    apply(purgeId, transition.writes());
    GuardDecision decision = null;
    if (transition.guardedStep() != null) {
      decision = guard.check(transition.request(), transition.guardedStep());
      if (decision.allowed()) {
        apply(purgeId, transition.ifAllowed());
      }
    }
    boolean hold =
        transition.askLegalHold()
            && records.legalHoldActive(transition.request().tenantId(), transition.request().env());
    return new TransitionResult(decision, hold);
  }

  private void apply(String purgeId, List<RecordWrite> writes) {
    for (RecordWrite write : writes) {
      if (write.runId() != null) {
        records.markRunning(purgeId, write.runId());
      } else if (write.status() != null) {
        var s = write.status();
        records.setStatus(purgeId, s.status(), s.step(), s.detail());
      } else if (write.total() != null) {
        records.recordStep(purgeId, write.total());
      } else if (write.event() != null) {
        records.emit(write.event());
      } else {
        records.complete(write.outcome());
      }
    }
  }

  @Override
  public void markRunning(String purgeId, String runId) {
    records.markRunning(purgeId, runId);
  }

  @Override
  public void setStatus(String purgeId, PurgeStatus status, PurgeStep step, String detail) {
    records.setStatus(purgeId, status, step, detail);
  }

  @Override
  public void emit(PurgeEvent event) {
    records.emit(event);
  }

  @Override
  public void recordStep(String purgeId, StepResult total) {
    records.recordStep(purgeId, total);
  }

  @Override
  public void recordApproval(String purgeId, String approver) {
    records.recordApproval(purgeId, approver);
  }

  @Override
  public boolean legalHoldActive(String tenantId, String env) {
    return records.legalHoldActive(tenantId, env);
  }

  @Override
  public void complete(PurgeOutcome outcome) {
    records.complete(outcome);
  }

  @Override
  public PurgeDecision takeDecision(DecisionSignal signal) {
    return records.takeDecision(signal);
  }
}
