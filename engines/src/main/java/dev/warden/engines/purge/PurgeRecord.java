package dev.warden.engines.purge;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
    List<StepRecord> steps,
    int approvalsRequired,
    List<String> approvedBy,
    Instant receivedAt,
    Instant initialDueAt,
    Instant dueAt,
    Instant statusSince,
    Boolean finishedOnTime) {

  public PurgeRecord {
    approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
  }

  /**
   * A request not yet stored: validated tenant and env, status {@code REQUESTED}; no id, workflow,
   * timestamps or steps yet. {@link PurgeRecordStore#admit} stores it or returns the active one.
   */
  public static PurgeRecord requested(
      TenantId tenantId,
      Env env,
      String requestedBy,
      String reason,
      String ticket,
      String traceId,
      long gracePeriodSeconds,
      boolean dryRun) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required: say why the tenant is purged");
    }
    if (gracePeriodSeconds < 0) {
      throw new IllegalArgumentException("gracePeriod must not be negative");
    }
    return new PurgeRecord(
        null,
        tenantId.value(),
        env.value(),
        requestedBy,
        reason,
        ticket,
        traceId,
        PurgeState.REQUESTED,
        null,
        null,
        gracePeriodSeconds,
        dryRun,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        0,
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The same request, received (by the controller: the date the data subject's request arrived) at
   * the given time; {@link PurgeRecordStore#admit} uses now when none is given.
   */
  public PurgeRecord withReceivedAt(Instant received) {
    return new PurgeRecord(
        purgeId,
        tenantId,
        env,
        requestedBy,
        reason,
        ticket,
        traceId,
        status,
        currentStep,
        statusDetail,
        gracePeriodSeconds,
        dryRun,
        workflowId,
        runId,
        requestedAt,
        startedAt,
        updatedAt,
        completedAt,
        stopRequestedAt,
        stopReason,
        steps,
        approvalsRequired,
        approvedBy,
        received,
        initialDueAt,
        dueAt,
        statusSince,
        finishedOnTime);
  }

  /**
   * Whole days until {@link #dueAt}, rounded toward zero (-10: ten days late); null once the purge
   * has ended. {@link #overdue} says whether the date has passed, also within the last day.
   */
  public Long daysLeft(Instant now) {
    if (!status.isActive() || dueAt == null) {
      return null;
    }
    return Duration.between(now, dueAt).toDays();
  }

  /** True while the purge is active and its due date has passed. */
  public boolean overdue(Instant now) {
    return status.isActive() && dueAt != null && dueAt.isBefore(now);
  }

  /**
   * This request needing {@code approvals} approvals by compliance users other than the requester
   * before its grace period starts; a dry run never needs one.
   */
  public PurgeRecord requiringApprovals(int approvals) {
    if (approvals < 0) {
      throw new IllegalArgumentException("approvals must not be negative");
    }
    return new PurgeRecord(
        purgeId,
        tenantId,
        env,
        requestedBy,
        reason,
        ticket,
        traceId,
        status,
        currentStep,
        statusDetail,
        gracePeriodSeconds,
        dryRun,
        workflowId,
        runId,
        requestedAt,
        startedAt,
        updatedAt,
        completedAt,
        stopRequestedAt,
        stopReason,
        steps,
        dryRun ? 0 : approvals,
        approvedBy,
        receivedAt,
        initialDueAt,
        dueAt,
        statusSince,
        finishedOnTime);
  }

  /** An immediate, real purge not yet stored. */
  public static PurgeRecord requested(
      TenantId tenantId,
      Env env,
      String requestedBy,
      String reason,
      String ticket,
      String traceId) {
    return requested(tenantId, env, requestedBy, reason, ticket, traceId, 0, false);
  }

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
