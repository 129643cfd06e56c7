package dev.warden.workflows.contract;

/** What one store step removed. Bytes are exact counts, never estimates. */
public record StepResult(PurgeStep step, long items, long bytes) {}
