package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Writes the purge's own records (status, step results, events, receipt) to Warden's database. */
@ActivityInterface
public interface PurgeRecordActivities {

  /** Marks the purge started with the workflow's run id; idempotent. */
  void markRunning(String purgeId, String runId);

  /** Records a status change (and the step it concerns, may be null); idempotent. */
  void setStatus(String purgeId, PurgeStatus status, PurgeStep step, String detail);

  /** Appends a DatasetEvent; a repeat with the same derived id is ignored. */
  void emit(PurgeEvent event);

  /** Records the running total of one step; idempotent. */
  void recordStep(String purgeId, StepResult total);

  /** Adds an approver to the purge's record; a repeat of the same approver is ignored. */
  void recordApproval(String purgeId, String approver);

  /**
   * Takes the decision a signal names: returns it when the API recorded it for this purge and kind
   * and no other run took it (marking it taken by this run), else appends a SIGNAL_REFUSED event
   * (attempt = {@link DecisionSignal#refusal}) and returns null. Idempotent.
   */
  PurgeDecision takeDecision(DecisionSignal signal);

  /** True when the tenant is under a legal hold: nothing may be deleted. */
  boolean legalHoldActive(String tenantId, String env);

  /** Stores the receipt and the final status; idempotent. */
  void complete(PurgeOutcome outcome);

  /**
   * Applies several writes (and asks the kill-switch guard or the legal holds) in one database
   * transaction; idempotent. What a purge's transitions cost since {@code Workflow.getVersion}
   * "transitions".
   */
  TransitionResult transition(Transition transition);
}
