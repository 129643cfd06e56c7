package dev.warden.engines.purge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A purge as stored in PostgreSQL, with the running totals of its steps. */
public record PurgeRecord(
    UUID purgeId,
    String tenantId,
    String env,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    PurgeState status,
    String currentStep,
    String statusDetail,
    long gracePeriodSeconds,
    boolean dryRun,
    String workflowId,
    String runId,
    Instant requestedAt,
    Instant startedAt,
    Instant updatedAt,
    Instant completedAt,
    Instant stopRequestedAt,
    String stopReason,
    List<StepRecord> steps) {

  /** One step and what it has removed so far. */
  public record StepRecord(String step, long items, long bytes, Instant updatedAt) {}

  public long deletedItems() {
    return steps.stream().mapToLong(StepRecord::items).sum();
  }

  public long deletedBytes() {
    return steps.stream().mapToLong(StepRecord::bytes).sum();
  }

  /** Items removed by one step (0 when it has not run). */
  public long itemsOf(String step) {
    return steps.stream().filter(s -> s.step().equals(step)).mapToLong(StepRecord::items).sum();
  }
}
