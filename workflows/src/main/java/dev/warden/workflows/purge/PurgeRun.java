package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * What the parts of one purge run share: the request, its state, the activity stubs and what the
 * signals asked for. Workflow code: one instance per run, touched only by the workflow's threads.
 */
final class PurgeRun {

  final PurgeStubs stubs = new PurgeStubs();
  final PurgeState state = new PurgeState();
  final OutageWait outages = new OutageWait(this);
  final RecordWrites writes = new RecordWrites(this);
  PurgeRequest request;

  /** Set by cancel, a legal hold or a stopped step; the run ends at its next check. */
  String stopReason;

  /** When the erasure is due (epoch millis; 0 when unknown); moved by extensions. */
  long dueAtMillis;

  /** Set while verification re-runs a step that left residue (the STEP_STARTED says so). */
  boolean repairing;

  boolean retryRequested;
  String retriedBy;
  boolean recheckRequested;

  /** Numbers the STEP_FAILED events that concern no store step (counting, verification). */
  int countFailures;

  boolean stopped() {
    return stopReason != null;
  }

  /** Parks the run until an operator retries; false when it was stopped instead. */
  boolean awaitOperator() {
    writes.flush();
    retryRequested = false;
    Workflow.await(() -> retryRequested || stopReason != null);
    retryRequested = false;
    return stopReason == null;
  }

  void setStatus(PurgeStatus status, PurgeStep step, String detail) {
    show(status, step, detail);
    writes.status(status, step, detail);
  }

  /** Sets the status; the next transition records it (at once without transitions). */
  void setStatusLater(PurgeStatus status, PurgeStep step, String detail) {
    show(status, step, detail);
    writes.statusLater(status, step, detail);
  }

  /** Emits the event with the next transition (at once without transitions). */
  void emitLater(PurgeEventType type, PurgeStep step, int attempt, Map<String, String> attributes) {
    writes.later(new PurgeEvent(request, type, step, attempt, attributes));
  }

  /** The status in the workflow and in Temporal UI only (a transition records it). */
  void show(PurgeStatus status, PurgeStep step, String detail) {
    state.status(status, step);
    PurgeVisibility.show(request, state, detail);
  }

  void emit(PurgeEventType type, PurgeStep step, int attempt, Map<String, String> attributes) {
    emit(type, step, attempt, attributes, null);
  }

  /** An event of a person's act (approve, reject); a null actor is the workflow itself. */
  void emit(
      PurgeEventType type,
      PurgeStep step,
      int attempt,
      Map<String, String> attributes,
      String actor) {
    writes.event(new PurgeEvent(request, type, step, attempt, attributes, actor));
  }

  /**
   * Counts the tenant's data in every store (dry run, verification). A count that exhausts its
   * retries parks the purge in NEEDS_ATTENTION, like a store step, instead of failing the workflow
   * (which left the record active forever). Null when the purge was stopped while parked.
   */
  StoreInventory count(String summary) {
    writes.flush();
    while (true) {
      try {
        StoreInventory counted = stubs.inventory(summary).inventory(request);
        outages.recovered();
        return counted;
      } catch (ActivityFailure failure) {
        ApplicationFailure cause =
            failure.getCause() instanceof ApplicationFailure app ? app : null;
        if (outages.waitedOut(null, cause)) {
          if (stopped()) {
            return null;
          }
          continue; // a store is out: count again once it has had time to come back
        }
        outages.recovered();
        if (Workflow.getVersion(Purge.PARK_ON_COUNT_FAILURE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
          throw failure;
        }
        String message =
            outages.exhausted() != null
                ? outages.exhausted()
                : cause != null ? cause.getOriginalMessage() : String.valueOf(failure.getCause());
        setStatus(PurgeStatus.NEEDS_ATTENTION, null, "counting failed: " + message);
        emit(
            PurgeEventType.STEP_FAILED,
            null,
            ++countFailures,
            Map.of("cause", message, "type", "warden.COUNT_FAILED"));
        if (!awaitOperator()) {
          return null;
        }
      }
    }
  }
}
