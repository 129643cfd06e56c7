package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * What the parts of one purge run share: the request, its state, the activity stubs and what the
 * signals asked for. Workflow code: one instance per run, touched only by the workflow's threads.
 */
final class PurgeRun {

  final PurgeStubs stubs = new PurgeStubs();
  final PurgeState state = new PurgeState();
  PurgeRequest request;

  /** Set by cancel, a legal hold or a stopped step; the run ends at its next check. */
  String stopReason;

  boolean retryRequested;
  String retriedBy;
  boolean recheckRequested;

  boolean stopped() {
    return stopReason != null;
  }

  /** Parks the run until an operator retries; false when it was stopped instead. */
  boolean awaitOperator() {
    retryRequested = false;
    Workflow.await(() -> retryRequested || stopReason != null);
    retryRequested = false;
    return stopReason == null;
  }

  void setStatus(PurgeStatus status, PurgeStep step, String detail) {
    state.status(status, step);
    PurgeVisibility.show(request, state, detail);
    stubs.records.setStatus(request.purgeId(), status, step, detail);
  }

  void emit(PurgeEventType type, PurgeStep step, int attempt, Map<String, String> attributes) {
    stubs.records.emit(new PurgeEvent(request, type, step, attempt, attributes));
  }
}
