package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Two-person approval: the purge waits in AWAITING_APPROVAL until enough compliance users other
 * than the requester approve it, one rejects it, or its one durable timer runs out. The timer is a
 * single Temporal timer (no polling: the history stays a few events whatever the timeout).
 */
final class Approval {

  private static final Logger log = Workflow.getLogger(Approval.class);

  private final PurgeRun run;
  private final List<String> approvers = new ArrayList<>();
  private int announced;
  private boolean decided;
  private String rejectedBy;
  private String rejectReason;
  private Promise<Void> expiry;

  // Acts signalled before the run read its request: a signal is delivered before the workflow
  // method's first line when it is older than the first completed workflow task (a worker killed
  // during that task, or signal-with-start). Judged by {@link #requestKnown}.
  private final List<Runnable> early = new ArrayList<>();

  /** How the wait ended when it did not end approved. */
  record Refusal(PurgeStatus status, PurgeEventType event, String actor, String reason) {}

  Approval(PurgeRun run) {
    this.run = run;
  }

  List<String> approvers() {
    return List.copyOf(approvers);
  }

  void approve(String actor) {
    if (run.request == null) {
      early.add(() -> approve(actor));
      return;
    }
    if (decided || actor == null || actor.equals(run.request.requestedBy())) {
      log.info("approval by {} ignored (decided: {})", actor, decided);
    } else if (!approvers.contains(actor)) {
      approvers.add(actor);
    }
  }

  void reject(String actor, String reason) {
    if (run.request == null) {
      early.add(() -> reject(actor, reason));
      return;
    }
    if (decided || actor == null || actor.equals(run.request.requestedBy()) || rejectedBy != null) {
      log.info("rejection by {} ignored (decided: {})", actor, decided);
    } else {
      rejectedBy = actor;
      rejectReason = reason;
    }
  }

  /** The run has read its request: judges the acts signalled before (no command: replay-safe). */
  void requestKnown() {
    List<Runnable> acts = List.copyOf(early);
    early.clear();
    acts.forEach(Runnable::run);
  }

  /**
   * Waits for the decision. Null when the purge may go on: approved, or stopped meanwhile (cancel,
   * legal hold: the caller sees {@link PurgeRun#stopped}). Otherwise the refusal to end with.
   */
  Refusal await() {
    int required = run.request.approvalsRequired();
    Duration timeout = Duration.ofSeconds(run.request.approvalTimeoutSeconds());
    run.setStatus(PurgeStatus.AWAITING_APPROVAL, null, waitingDetail(required, timeout));
    TimerOptions summary =
        TimerOptions.newBuilder().setSummary("Approval expires after " + timeout).build();
    // In its own scope so that a decision cancels it: no timer outlives the wait.
    CancellationScope scope =
        Workflow.newCancellationScope(() -> expiry = Workflow.newTimer(timeout, summary));
    scope.run();
    while (true) {
      Workflow.await(
          () ->
              approvers.size() > announced
                  || rejectedBy != null
                  || run.stopped()
                  || expiry.isCompleted());
      announceApprovals(required);
      if (run.stopped() || rejectedBy != null || approvers.size() >= required) {
        break;
      }
      if (expiry.isCompleted()) {
        decided = true;
        return new Refusal(
            PurgeStatus.EXPIRED,
            PurgeEventType.PURGE_APPROVAL_EXPIRED,
            null,
            "no approval within " + timeout + " (" + approvers.size() + " of " + required + ")");
      }
    }
    decided = true;
    if (!expiry.isCompleted()) {
      scope.cancel();
    }
    if (!run.stopped() && rejectedBy != null) {
      return new Refusal(
          PurgeStatus.REJECTED,
          PurgeEventType.PURGE_REJECTED,
          rejectedBy,
          "rejected by " + rejectedBy + ": " + rejectReason);
    }
    return null;
  }

  // One event per approver (attempt = its position), with the approver as actor.
  private void announceApprovals(int required) {
    while (announced < approvers.size()) {
      String approver = approvers.get(announced++);
      run.stubs.records.recordApproval(run.request.purgeId(), approver);
      run.emit(
          PurgeEventType.PURGE_APPROVED,
          null,
          announced,
          Map.of("approval", announced + " of " + required),
          approver);
    }
  }

  private static String waitingDetail(int required, Duration timeout) {
    return "waiting for "
        + required
        + (required == 1 ? " approval" : " approvals")
        + " by a compliance user other than the requester; expires after "
        + timeout;
  }
}
