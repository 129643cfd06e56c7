package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeReceipt;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the deletion certificate for each way a purge can end. */
final class PurgeReceipts {

  private final PurgeRequest request;
  private final long startedAt;
  private List<String> approvedBy = List.of();

  PurgeReceipts(PurgeRequest request, long startedAt) {
    this.request = request;
    this.startedAt = startedAt;
  }

  Map<String, String> requestAttributes() {
    return Map.of(
        "gracePeriodSeconds", Long.toString(request.gracePeriodSeconds()),
        "dryRun", Boolean.toString(request.dryRun()));
  }

  void approvedBy(List<String> approvers) {
    approvedBy = List.copyOf(approvers);
  }

  /** Rejected or expired while awaiting approval: nothing was deleted. */
  PurgeReceipt refused(PurgeStatus status, String reason) {
    return receipt(status, false, true, reason, List.of(), null, null);
  }

  String graceDetail() {
    return "grace period of "
        + Duration.ofSeconds(request.gracePeriodSeconds())
        + " before anything is deleted; cancel to stop";
  }

  PurgeReceipt completed(PurgeState state, StoreInventory residue) {
    return receipt(PurgeStatus.COMPLETED, false, false, null, state.totals(), residue, null);
  }

  PurgeReceipt stopped(PurgeState state, String reason) {
    return receipt(PurgeStatus.CANCELLED, false, true, reason, state.totals(), null, null);
  }

  PurgeReceipt dryRun(StoreInventory wouldDelete) {
    return receipt(PurgeStatus.COMPLETED, true, false, null, List.of(), null, wouldDelete);
  }

  private PurgeReceipt receipt(
      PurgeStatus status,
      boolean dryRun,
      boolean partial,
      String stopReason,
      List<StepResult> deleted,
      StoreInventory residue,
      StoreInventory wouldDelete) {
    return new PurgeReceipt(
        request.purgeId(),
        request.tenantId(),
        request.env(),
        request.requestedBy(),
        request.reason(),
        request.ticket(),
        Workflow.getInfo().getWorkflowId(),
        Workflow.getInfo().getRunId(),
        status,
        dryRun,
        partial,
        stopReason,
        startedAt,
        Workflow.currentTimeMillis(),
        List.copyOf(deleted),
        residue,
        wouldDelete,
        approvedBy);
  }
}
