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

  /** Compliance stops the purge; what was deleted stays listed in a partial receipt. */
  @SignalMethod
  void cancel(String actor, String reason);

  /**
   * A compliance user approves a purge in AWAITING_APPROVAL. The requester's own approval, a repeat
   * by the same user and an approval after the decision are ignored (the API refuses them first).
   */
  @SignalMethod
  void approve(String actor);

  /** A compliance user rejects a purge in AWAITING_APPROVAL: it ends REJECTED, nothing deleted. */
  @SignalMethod
  void reject(String actor, String reason);

  /** A legal hold was placed on the tenant: the purge stops before deleting anything more. */
  @SignalMethod
  void legalHoldPlaced(String actor, String reason);

  /**
   * Compliance extended the deadline: the purge now is due at {@code dueAtMillis} (epoch millis).
   * Warden's database holds the deadline; this moves the {@code WardenDueAt} search attribute.
   */
  @SignalMethod
  void deadlineExtended(String actor, long dueAtMillis);

  /** A kill switch was released: re-check now instead of at the next back-off. */
  @SignalMethod
  void killSwitchReleased();
}
