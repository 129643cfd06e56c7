package dev.warden.api.purge;

import dev.warden.engines.purge.PurgeRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A purge as the API shows it. A copy of {@link PurgeRecord} on purpose: this is the API's contract
 * (status as a string, totals per store, days left, overdue; no internal stop flag or status
 * timestamp), so a change to the stored row never changes what clients read unnoticed — the
 * checked-in docs/openapi.json and its test catch any change here.
 */
public record PurgeView(
    UUID purgeId,
    String tenantId,
    String env,
    String status,
    String currentStep,
    String statusDetail,
    String requestedBy,
    String reason,
    String ticket,
    String traceId,
    long gracePeriodSeconds,
    boolean dryRun,
    String workflowId,
    String runId,
    Instant requestedAt,
    Instant startedAt,
    Instant updatedAt,
    Instant completedAt,
    String stopReason,
    Deleted deleted,
    List<Step> steps,
    int approvalsRequired,
    List<String> approvedBy,
    Instant receivedAt,
    Instant initialDueAt,
    Instant dueAt,
    Long daysLeft,
    boolean overdue,
    Boolean finishedOnTime) {

  /** Totals: objects (all versions) and bytes from storage; documents; log entries. */
  public record Deleted(long objects, long bytes, long documents, long logEntries) {}

  /** One step's running total. */
  public record Step(String step, long items, long bytes, Instant updatedAt) {}

  static PurgeView of(PurgeRecord r) {
    return of(r, Instant.now());
  }

  /**
   * {@code daysLeft}: whole days until {@code dueAt} while active (negative once late), null after
   * the end; {@code finishedOnTime}: whether it ended by its due date, null while active.
   */
  static PurgeView of(PurgeRecord r, Instant now) {
    return new PurgeView(
        r.purgeId(),
        r.tenantId(),
        r.env(),
        r.status().name(),
        r.currentStep(),
        r.statusDetail(),
        r.requestedBy(),
        r.reason(),
        r.ticket(),
        r.traceId(),
        r.gracePeriodSeconds(),
        r.dryRun(),
        r.workflowId(),
        r.runId(),
        r.requestedAt(),
        r.startedAt(),
        r.updatedAt(),
        r.completedAt(),
        r.stopReason(),
        new Deleted(r.itemsOf("STORAGE"), r.deletedBytes(), r.itemsOf("INDEX"), r.itemsOf("LOGS")),
        r.steps().stream()
            .map(s -> new Step(s.step(), s.items(), s.bytes(), s.updatedAt()))
            .toList(),
        r.approvalsRequired(),
        r.approvedBy(),
        r.receivedAt(),
        r.initialDueAt(),
        r.dueAt(),
        r.daysLeft(now),
        r.overdue(now),
        r.finishedOnTime());
  }
}
