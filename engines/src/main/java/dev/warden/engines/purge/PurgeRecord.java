package dev.warden.engines.purge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A purge as stored in PostgreSQL, with the steps it has finished. */
public record PurgeRecord(
    UUID purgeId,
    String tenantId,
    String env,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    PurgeState status,
    String workflowId,
    String runId,
    Instant requestedAt,
    Instant startedAt,
    Instant completedAt,
    List<StepRecord> steps) {

  /** One finished store step and what it removed. */
  public record StepRecord(String step, long items, long bytes, Instant completedAt) {}

  public long deletedItems() {
    return steps.stream().mapToLong(StepRecord::items).sum();
  }

  public long deletedBytes() {
    return steps.stream().mapToLong(StepRecord::bytes).sum();
  }
}
