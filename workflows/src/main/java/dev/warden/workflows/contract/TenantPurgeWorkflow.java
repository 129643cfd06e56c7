package dev.warden.workflows.contract;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Removes every byte of one tenant's data in one environment. Id: {@link WorkflowIds}. */
@WorkflowInterface
public interface TenantPurgeWorkflow {

  @WorkflowMethod
  PurgeOutcome purge(PurgeRequest request);

  /** Per-step state and counts, for the API and Temporal UI. */
  @QueryMethod
  PurgeProgress progress();

  /** An operator asks a purge in NEEDS_ATTENTION to try its failed step again. */
  @SignalMethod
  void retry(String actor);

  /**
   * Old shape of a cancel, naming its actor: taken only by runs started before decisions were
   * recorded ({@code WorkflowVersions.Purge.RECORDED_DECISIONS}); newer runs ignore it and emit
   * SIGNAL_REFUSED. The API sends {@link #cancelRecorded}.
   */
  @SignalMethod
  void cancel(String actor, String reason);

  /** Old shape of an approval (see {@link #cancel}); the API sends {@link #approvalRecorded}. */
  @SignalMethod
  void approve(String actor);

  /** Old shape of a rejection (see {@link #cancel}); the API sends {@link #rejectionRecorded}. */
  @SignalMethod
  void reject(String actor, String reason);

  /**
   * A compliance person approved a purge in AWAITING_APPROVAL through the API, which recorded the
   * approval as {@code decisionId} (table purge_decisions). The workflow takes it only when that
   * record is an unused approval of this purge; the requester's own approval, a repeat by the same
   * person and an approval after the decision are ignored (the API refuses them first).
   */
  @SignalMethod
  void approvalRecorded(String decisionId);

  /** A recorded rejection (see {@link #approvalRecorded}): it ends REJECTED, nothing deleted. */
  @SignalMethod
  void rejectionRecorded(String decisionId);

  /**
   * A recorded cancel (see {@link #approvalRecorded}): the purge stops; what was deleted stays
   * listed in a partial receipt.
   */
  @SignalMethod
  void cancelRecorded(String decisionId);

  /** A recorded deadline extension (see {@link #approvalRecorded}): moves WardenDueAt. */
  @SignalMethod
  void extensionRecorded(String decisionId);

  /** A legal hold was placed on the tenant: the purge stops before deleting anything more. */
  @SignalMethod
  void legalHoldPlaced(String actor, String reason);

  /**
   * Old shape of an extension (see {@link #cancel}): the purge now is due at {@code dueAtMillis}
   * (epoch millis). Warden's database holds the deadline; this moves the {@code WardenDueAt} search
   * attribute. The API sends {@link #extensionRecorded}.
   */
  @SignalMethod
  void deadlineExtended(String actor, long dueAtMillis);

  /** A kill switch was released: re-check now instead of at the next back-off. */
  @SignalMethod
  void killSwitchReleased();
}
