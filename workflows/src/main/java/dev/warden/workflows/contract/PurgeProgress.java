package dev.warden.workflows.contract;

import java.util.List;

/** Snapshot answered by the {@code progress} query. */
public record PurgeProgress(PurgeStatus status, PurgeStep currentStep, List<StepResult> done) {}
