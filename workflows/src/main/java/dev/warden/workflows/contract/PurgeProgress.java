package dev.warden.workflows.contract;

import java.util.List;
import java.util.Map;

/**
 * Snapshot answered by the {@code progress} query.
 *
 * @param steps per step: PENDING, RUNNING, DONE or FAILED
 * @param totals what each step has removed so far (across attempts)
 * @param attempts how many times each step was started
 */
public record PurgeProgress(
    PurgeStatus status,
    PurgeStep currentStep,
    Map<PurgeStep, String> steps,
    List<StepResult> totals,
    Map<PurgeStep, Integer> attempts,
    String blockedBy,
    String lastFailure,
    StoreInventory lastVerification) {}
