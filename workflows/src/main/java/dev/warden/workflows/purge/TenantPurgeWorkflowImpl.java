package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeDecisionKind;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.PurgeReceipt;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * record request → approval ({@link Approval}, when required) → grace period → preflight ({@link
 * Preflight}) → storage → index → logs → verify → receipt. Every step is guarded by a kill-switch
 * check that blocks (never skips; {@link KillSwitchWait}); a step that keeps failing parks the
 * purge in NEEDS_ATTENTION until an operator retries or cancels it ({@link StepRunner}); {@link
 * Verification} counts what is left before the receipt.
 */
public final class TenantPurgeWorkflowImpl implements TenantPurgeWorkflow {

  private static final Logger log = Workflow.getLogger(TenantPurgeWorkflowImpl.class);

  private final PurgeRun run = new PurgeRun();
  private final StepRunner steps = new StepRunner(run);
  private final Verification verification = new Verification(run, steps);
  private final Approval approval = new Approval(run);
  private final Decisions decisions = new Decisions(run);

  @Override
  public PurgeOutcome purge(PurgeRequest request) {
    run.request = request;
    decisions.requestKnown();
    approval.requestKnown();
    run.dueAtMillis = Math.max(run.dueAtMillis, request.dueAtMillis());
    run.writes.decide();
    PurgeReceipts receipts = new PurgeReceipts(request, Workflow.currentTimeMillis());
    if (run.writes.begin(receipts.requestAttributes())) {
      run.stopReason = "the tenant is under a legal hold";
    } else if (request.needsApproval()
        && Workflow.getVersion(Purge.APPROVAL, Workflow.DEFAULT_VERSION, 1) == 1) {
      Approval.Refusal refusal = approval.await();
      receipts.approvedBy(approval.approvers());
      if (refusal != null) {
        return finish(receipts.refused(refusal.status(), refusal.reason()), refusal);
      }
    }
    if (!run.stopped() && request.gracePeriodSeconds() > 0 && !request.dryRun()) {
      run.setStatus(PurgeStatus.WAITING_GRACE_PERIOD, null, receipts.graceDetail());
      Workflow.await(Duration.ofSeconds(request.gracePeriodSeconds()), run::stopped);
      if (!run.stopped() && run.writes.legalHoldActive()) {
        run.stopReason = "a legal hold was placed during the grace period";
      }
    }
    if (run.stopped() || !new Preflight(run).passes()) {
      return finish(receipts.stopped(run.state, run.stopReason), PurgeEventType.PURGE_CANCELLED);
    }
    if (request.dryRun()) {
      StoreInventory wouldDelete = run.count("Count " + request.tenantId());
      if (wouldDelete == null) {
        return finish(receipts.stopped(run.state, run.stopReason), PurgeEventType.PURGE_CANCELLED);
      }
      return finish(receipts.dryRun(wouldDelete), PurgeEventType.PURGE_COMPLETED);
    }
    run.setStatusLater(PurgeStatus.RUNNING, null, "deleting");
    for (PurgeStep step : PurgeStep.values()) {
      if (!steps.run(step)) {
        return finish(receipts.stopped(run.state, run.stopReason), PurgeEventType.PURGE_CANCELLED);
      }
    }
    StoreInventory residue = verification.verify();
    if (residue == null) {
      return finish(receipts.stopped(run.state, run.stopReason), PurgeEventType.PURGE_CANCELLED);
    }
    return finish(receipts.completed(run.state, residue), PurgeEventType.PURGE_COMPLETED);
  }

  private PurgeOutcome finish(PurgeReceipt receipt, Approval.Refusal refusal) {
    return finish(receipt, refusal.event(), refusal.actor());
  }

  private PurgeOutcome finish(PurgeReceipt receipt, PurgeEventType type) {
    return finish(receipt, type, null);
  }

  private PurgeOutcome finish(PurgeReceipt receipt, PurgeEventType type, String actor) {
    run.state.finish(receipt.status());
    PurgeVisibility.show(
        run.request, run.state, receipt.stopReason() == null ? "done" : receipt.stopReason());
    PurgeOutcome outcome =
        new PurgeOutcome(run.request.purgeId(), receipt.status(), receipt.deleted(), receipt);
    // One write sets the final status, the completion time and the receipt together, so no
    // reader ever sees a finished purge without them; with transitions it goes in one transaction
    // with the final event (and PURGE_VERIFIED, which waited for it).
    run.writes.completeLater(outcome);
    run.emit(
        type,
        null,
        0,
        receipt.stopReason() == null ? Map.of() : Map.of("reason", receipt.stopReason()),
        actor);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return outcome;
  }

  @Override
  public PurgeProgress progress() {
    return run.state.progress();
  }

  @Override
  public void retry(String actor) {
    if (run.state.status() == PurgeStatus.NEEDS_ATTENTION) {
      run.retryRequested = true;
      run.retriedBy = actor;
    } else {
      log.info("retry by {} ignored: purge is {}", actor, run.state.status());
    }
  }

  @Override
  public void cancel(String actor, String reason) {
    decisions.unrecorded(PurgeDecisionKind.CANCEL, "cancel", actor, () -> stop(actor, reason));
  }

  @Override
  public void approve(String actor) {
    decisions.unrecorded(
        PurgeDecisionKind.APPROVE, "approve", actor, () -> approval.approve(actor));
  }

  @Override
  public void reject(String actor, String reason) {
    decisions.unrecorded(
        PurgeDecisionKind.REJECT, "reject", actor, () -> approval.reject(actor, reason));
  }

  @Override
  public void approvalRecorded(String decisionId) {
    decisions.recorded(
        PurgeDecisionKind.APPROVE,
        "approvalRecorded",
        decisionId,
        d -> approval.approve(d.actor()));
  }

  @Override
  public void rejectionRecorded(String decisionId) {
    decisions.recorded(
        PurgeDecisionKind.REJECT,
        "rejectionRecorded",
        decisionId,
        d -> approval.reject(d.actor(), d.reason()));
  }

  @Override
  public void cancelRecorded(String decisionId) {
    decisions.recorded(
        PurgeDecisionKind.CANCEL, "cancelRecorded", decisionId, d -> stop(d.actor(), d.reason()));
  }

  @Override
  public void extensionRecorded(String decisionId) {
    decisions.recorded(
        PurgeDecisionKind.EXTEND,
        "extensionRecorded",
        decisionId,
        d -> extendTo(d.actor(), d.dueAtMillis()));
  }

  private void stop(String actor, String reason) {
    if (!run.stopped()) {
      run.stopReason = "cancelled by " + actor + ": " + reason;
    }
  }

  @Override
  public void legalHoldPlaced(String actor, String reason) {
    if (!run.stopped()) {
      run.stopReason = "legal hold placed by " + actor + ": " + reason;
    }
  }

  @Override
  public void deadlineExtended(String actor, long dueAtMillis) {
    decisions.unrecorded(
        PurgeDecisionKind.EXTEND, "deadlineExtended", actor, () -> extendTo(actor, dueAtMillis));
  }

  private void extendTo(String actor, long dueAtMillis) {
    // A new command (a search-attribute upsert) in a running workflow: behind a version marker.
    if (Workflow.getVersion(Purge.DEADLINE_EXTENSION, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    if (dueAtMillis > run.dueAtMillis) {
      run.dueAtMillis = dueAtMillis;
      PurgeVisibility.dueAt(dueAtMillis);
      log.info("deadline extended by {} to {}", actor, Instant.ofEpochMilli(dueAtMillis));
    }
  }

  @Override
  public void killSwitchReleased() {
    run.recheckRequested = true;
  }
}
