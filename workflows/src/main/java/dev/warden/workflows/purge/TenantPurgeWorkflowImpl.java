package dev.warden.workflows.purge;

import static dev.warden.workflows.contract.PurgeEventType.KILL_SWITCH_BLOCKED;
import static dev.warden.workflows.contract.PurgeEventType.STEP_COMPLETED;
import static dev.warden.workflows.contract.PurgeEventType.STEP_FAILED;
import static dev.warden.workflows.contract.PurgeEventType.STEP_STARTED;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.PurgeReceipt;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * record request → grace period → storage → index → logs → verify → receipt. Every step is guarded
 * by a kill-switch check that blocks (never skips); a step that keeps failing parks the purge in
 * NEEDS_ATTENTION until an operator retries or cancels it.
 */
public final class TenantPurgeWorkflowImpl implements TenantPurgeWorkflow {

  private static final Logger log = Workflow.getLogger(TenantPurgeWorkflowImpl.class);

  /** Verification re-runs a step with residue this often before asking an operator. */
  static final int MAX_REPAIRS = 2;

  private static final Duration FIRST_RECHECK = Duration.ofSeconds(2);
  // A released switch signals blocked purges at once; this back-off is the safety net, and its
  // cap keeps a days-long block to a few hundred history events a day.
  private static final Duration MAX_RECHECK = Duration.ofMinutes(5);

  private final PurgeStubs stubs = new PurgeStubs();
  private final PurgeState state = new PurgeState();
  private PurgeRequest request;
  private boolean retryRequested;
  private String retriedBy;
  private boolean recheckRequested;
  private String stopReason;

  @Override
  public PurgeOutcome purge(PurgeRequest request) {
    this.request = request;
    PurgeReceipts receipts = new PurgeReceipts(request, Workflow.currentTimeMillis());
    stubs.records.markRunning(request.purgeId(), Workflow.getInfo().getRunId());
    emit(PurgeEventType.PURGE_REQUESTED, null, 0, receipts.requestAttributes());
    if (stubs.records.legalHoldActive(request.tenantId(), request.env())) {
      stopReason = "the tenant is under a legal hold";
    } else if (request.gracePeriodSeconds() > 0 && !request.dryRun()) {
      setStatus(PurgeStatus.WAITING_GRACE_PERIOD, null, receipts.graceDetail());
      Workflow.await(Duration.ofSeconds(request.gracePeriodSeconds()), () -> stopReason != null);
      if (stopReason == null && stubs.records.legalHoldActive(request.tenantId(), request.env())) {
        stopReason = "a legal hold was placed during the grace period";
      }
    }
    if (stopReason != null) {
      return finish(receipts.stopped(state, stopReason), PurgeEventType.PURGE_CANCELLED);
    }
    if (request.dryRun()) {
      StoreInventory wouldDelete =
          stubs.inventory("Count " + request.tenantId()).inventory(request);
      return finish(receipts.dryRun(wouldDelete), PurgeEventType.PURGE_COMPLETED);
    }
    setStatus(PurgeStatus.RUNNING, null, "deleting");
    for (PurgeStep step : PurgeStep.values()) {
      if (!runStep(step)) {
        return finish(receipts.stopped(state, stopReason), PurgeEventType.PURGE_CANCELLED);
      }
    }
    StoreInventory residue = verify();
    if (residue == null) {
      return finish(receipts.stopped(state, stopReason), PurgeEventType.PURGE_CANCELLED);
    }
    return finish(receipts.completed(state, residue), PurgeEventType.PURGE_COMPLETED);
  }

  /** Runs one step until it succeeds; false when the purge was stopped instead. */
  private boolean runStep(PurgeStep step) {
    while (stopReason == null) {
      if (!awaitGuard(step)) {
        return false;
      }
      int attempt = state.start(step);
      setStatus(PurgeStatus.RUNNING, step, "step " + step + ", attempt " + attempt);
      emit(
          STEP_STARTED,
          step,
          attempt,
          retriedBy == null ? Map.of() : Map.of("retriedBy", retriedBy));
      retriedBy = null;
      try {
        StepResult result = stubs.run(step, request);
        StepResult total = state.done(step, result);
        stubs.records.recordStep(request.purgeId(), total);
        emit(
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
        return true;
      } catch (ActivityFailure failure) {
        ApplicationFailure cause = applicationCause(failure);
        state.add(step, partial(cause));
        String type = cause == null ? "" : cause.getType();
        if (Failures.KILL_SWITCH_ENGAGED.type().equals(type)) {
          continue; // the guard now blocks until the switch is released, then the step resumes
        }
        if (Failures.PURGE_STOPPED.type().equals(type)) {
          stopReason = stopReason != null ? stopReason : cause.getOriginalMessage();
          return false;
        }
        String message =
            cause == null ? String.valueOf(failure.getCause()) : cause.getOriginalMessage();
        state.failed(step, message);
        setStatus(PurgeStatus.NEEDS_ATTENTION, step, message);
        emit(STEP_FAILED, step, attempt, Map.of("cause", message, "type", type));
        if (!awaitOperator()) {
          return false;
        }
      }
    }
    return false;
  }

  /** Counts what is left; repairs a few times, then asks an operator. Null when stopped. */
  private StoreInventory verify() {
    int repairs = 0;
    int failures = 0;
    while (stopReason == null) {
      setStatus(PurgeStatus.RUNNING, null, "verifying: counting what is left in every store");
      StoreInventory left =
          stubs
              .inventory("Verify nothing of " + request.tenantId() + " is left")
              .inventory(request);
      state.verified(left);
      if (left.nothingLeft()) {
        emit(PurgeEventType.PURGE_VERIFIED, null, 0, Map.of("residue", "0"));
        return left;
      }
      if (repairs < MAX_REPAIRS) {
        repairs++;
        for (PurgeStep step : PurgeStep.values()) {
          if (left.residueOf(step) > 0 && !runStep(step)) {
            return null;
          }
        }
        continue;
      }
      String message = "verification found residue after " + repairs + " repairs: " + left;
      setStatus(PurgeStatus.NEEDS_ATTENTION, null, message);
      emit(
          STEP_FAILED, null, ++failures, Map.of("cause", message, "type", Failures.RESIDUE.type()));
      if (!awaitOperator()) {
        return null;
      }
      repairs = 0;
    }
    return null;
  }

  /** Blocks while an engaged kill switch applies; false when the purge was stopped meanwhile. */
  private boolean awaitGuard(PurgeStep step) {
    boolean blocked = false;
    Duration wait = FIRST_RECHECK;
    while (true) {
      GuardDecision decision = stubs.guard.check(request, step);
      if (decision.allowed()) {
        if (blocked) {
          state.unblocked();
        }
        return true;
      }
      if (!blocked) {
        blocked = true;
        int block = state.blocked(decision.scope() + " (" + decision.reason() + ")");
        setStatus(
            PurgeStatus.BLOCKED_BY_KILL_SWITCH,
            step,
            "blocked by kill switch " + state.blockedBy());
        emit(
            KILL_SWITCH_BLOCKED,
            step,
            block,
            Map.of(
                "switchId",
                String.valueOf(decision.switchId()),
                "scope",
                String.valueOf(decision.scope()),
                "reason",
                String.valueOf(decision.reason())));
      }
      recheckRequested = false;
      Workflow.await(wait, () -> recheckRequested || stopReason != null);
      if (stopReason != null) {
        return false;
      }
      wait = wait.multipliedBy(2).compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait.multipliedBy(2);
    }
  }

  private boolean awaitOperator() {
    retryRequested = false;
    Workflow.await(() -> retryRequested || stopReason != null);
    retryRequested = false;
    return stopReason == null;
  }

  private PurgeOutcome finish(PurgeReceipt receipt, PurgeEventType type) {
    state.finish(receipt.status());
    PurgeVisibility.show(
        request, state, receipt.stopReason() == null ? "done" : receipt.stopReason());
    PurgeOutcome outcome =
        new PurgeOutcome(request.purgeId(), receipt.status(), receipt.deleted(), receipt);
    // One write sets the final status, the completion time and the receipt together, so no
    // reader ever sees a finished purge without them.
    stubs.records.complete(outcome);
    emit(
        type,
        null,
        0,
        receipt.stopReason() == null ? Map.of() : Map.of("reason", receipt.stopReason()));
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
  }

  private void setStatus(PurgeStatus status, PurgeStep step, String detail) {
    state.status(status, step);
    PurgeVisibility.show(request, state, detail);
    stubs.records.setStatus(request.purgeId(), status, step, detail);
  }

  private void emit(
      PurgeEventType type, PurgeStep step, int attempt, Map<String, String> attributes) {
    stubs.records.emit(new PurgeEvent(request, type, step, attempt, attributes));
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

  @Override
  public PurgeProgress progress() {
    return state.progress();
  }

  @Override
  public void retry(String actor) {
    if (state.status() == PurgeStatus.NEEDS_ATTENTION) {
      retryRequested = true;
      retriedBy = actor;
    } else {
      log.info("retry by {} ignored: purge is {}", actor, state.status());
    }
  }

  @Override
  public void cancel(String actor, String reason) {
    if (stopReason == null) {
      stopReason = "cancelled by " + actor + ": " + reason;
    }
  }

  @Override
  public void legalHoldPlaced(String actor, String reason) {
    if (stopReason == null) {
      stopReason = "legal hold placed by " + actor + ": " + reason;
    }
  }

  @Override
  public void killSwitchReleased() {
    recheckRequested = true;
  }
}
