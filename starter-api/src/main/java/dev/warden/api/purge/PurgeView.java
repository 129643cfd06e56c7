package dev.warden.api.purge;

import dev.warden.engines.purge.PurgeRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A purge as the API shows it. */
public record PurgeView(
    UUID purgeId,
    String tenantId,
    String env,
    String status,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    String workflowId,
    String runId,
    Instant requestedAt,
    Instant startedAt,
    Instant completedAt,
    Deleted deleted,
    List<Step> steps) {

  /** Totals over all finished steps. */
  public record Deleted(long objects, long bytes) {}

  /** One finished step. */
  public record Step(String step, long items, long bytes, Instant completedAt) {}

  static PurgeView of(PurgeRecord r) {
    long objects =
        r.steps().stream().filter(s -> s.step().equals("STORAGE")).mapToLong(s -> s.items()).sum();
    return new PurgeView(
        r.purgeId(),
        r.tenantId(),
        r.env(),
        r.status().name(),
        r.requestedBy(),
        r.reason(),
        r.ticket(),
        r.traceId(),
        r.workflowId(),
        r.runId(),
        r.requestedAt(),
        r.startedAt(),
        r.completedAt(),
        new Deleted(objects, r.deletedBytes()),
        r.steps().stream()
            .map(s -> new Step(s.step(), s.items(), s.bytes(), s.completedAt()))
            .toList());
  }
}
