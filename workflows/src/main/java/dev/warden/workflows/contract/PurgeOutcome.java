package dev.warden.workflows.contract;

import java.util.List;

/** The workflow's result: the final status, what each step removed, and the receipt. */
public record PurgeOutcome(
    String purgeId, PurgeStatus status, List<StepResult> steps, PurgeReceipt receipt) {
  public long totalItems() {
    return steps.stream().mapToLong(StepResult::items).sum();
  }
}
