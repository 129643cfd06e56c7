package dev.warden.workflows.contract;

import java.util.List;

/** The workflow's result: the final status and what each step removed. */
public record PurgeOutcome(String purgeId, PurgeStatus status, List<StepResult> steps) {
  public long totalItems() {
    return steps.stream().mapToLong(StepResult::items).sum();
  }
}
