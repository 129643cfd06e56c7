package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** Writes the purge's own records (status, step results, events) to Warden's database. */
@ActivityInterface
public interface PurgeRecordActivities {

  /** Marks the purge running with the workflow's run id; idempotent. */
  void markRunning(String purgeId, String runId);

  /** Appends a DatasetEvent; a repeat with the same derived id is ignored. */
  void emit(PurgeEvent event);

  /** Records one finished step's counts; idempotent. */
  void recordStep(String purgeId, StepResult result);

  /** Records the final status and totals; idempotent. */
  void complete(PurgeOutcome outcome);
}
