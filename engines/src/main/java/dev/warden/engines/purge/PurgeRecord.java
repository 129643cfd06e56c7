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
    return builder()
        .tenantId(tenantId.value())
        .env(env.value())
        .requestedBy(requestedBy)
        .reason(reason)
        .ticket(ticket)
        .traceId(traceId)
        .status(PurgeState.REQUESTED)
        .gracePeriodSeconds(gracePeriodSeconds)
        .dryRun(dryRun)
        .build();
  }

  /**
   * The same request, received (by the controller: the date the data subject's request arrived) at
   * the given time; {@link PurgeRecordStore#admit} uses now when none is given.
   */
  public PurgeRecord withReceivedAt(Instant received) {
    return toBuilder().receivedAt(received).build();
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
    return toBuilder().approvalsRequired(dryRun ? 0 : approvals).build();
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

  /** An empty builder: every field null, zero or false, no steps, no approvals. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's every field, to change a few by name. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.purgeId = purgeId;
    b.tenantId = tenantId;
    b.env = env;
    b.requestedBy = requestedBy;
    b.reason = reason;
    b.ticket = ticket;
    b.traceId = traceId;
    b.status = status;
    b.currentStep = currentStep;
    b.statusDetail = statusDetail;
    b.gracePeriodSeconds = gracePeriodSeconds;
    b.dryRun = dryRun;
    b.workflowId = workflowId;
    b.runId = runId;
    b.requestedAt = requestedAt;
    b.startedAt = startedAt;
    b.updatedAt = updatedAt;
    b.completedAt = completedAt;
    b.stopRequestedAt = stopRequestedAt;
    b.stopReason = stopReason;
    b.steps = steps;
    b.approvalsRequired = approvalsRequired;
    b.approvedBy = approvedBy;
    b.receivedAt = receivedAt;
    b.initialDueAt = initialDueAt;
    b.dueAt = dueAt;
    b.statusSince = statusSince;
    b.finishedOnTime = finishedOnTime;
    return b;
  }

  /**
   * Builds a record by field name: what the store reads and the withers change are named, so adding
   * a field never shifts the others' positions.
   */
  public static final class Builder {
    private UUID purgeId;
    private String tenantId;
    private String env;
    private String requestedBy;
    private String reason;
    private String ticket;
    private String traceId;
    private PurgeState status;
    private String currentStep;
    private String statusDetail;
    private long gracePeriodSeconds;
    private boolean dryRun;
    private String workflowId;
    private String runId;
    private Instant requestedAt;
    private Instant startedAt;
    private Instant updatedAt;
    private Instant completedAt;
    private Instant stopRequestedAt;
    private String stopReason;
    private List<StepRecord> steps = List.of();
    private int approvalsRequired;
    private List<String> approvedBy = List.of();
    private Instant receivedAt;
    private Instant initialDueAt;
    private Instant dueAt;
    private Instant statusSince;
    private Boolean finishedOnTime;

    private Builder() {}

    public Builder purgeId(UUID purgeId) {
      this.purgeId = purgeId;
      return this;
    }

    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    public Builder env(String env) {
      this.env = env;
      return this;
    }

    public Builder requestedBy(String requestedBy) {
      this.requestedBy = requestedBy;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder ticket(String ticket) {
      this.ticket = ticket;
      return this;
    }

    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder status(PurgeState status) {
      this.status = status;
      return this;
    }

    public Builder currentStep(String currentStep) {
      this.currentStep = currentStep;
      return this;
    }

    public Builder statusDetail(String statusDetail) {
      this.statusDetail = statusDetail;
      return this;
    }

    public Builder gracePeriodSeconds(long gracePeriodSeconds) {
      this.gracePeriodSeconds = gracePeriodSeconds;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder workflowId(String workflowId) {
      this.workflowId = workflowId;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder requestedAt(Instant requestedAt) {
      this.requestedAt = requestedAt;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder completedAt(Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Builder stopRequestedAt(Instant stopRequestedAt) {
      this.stopRequestedAt = stopRequestedAt;
      return this;
    }

    public Builder stopReason(String stopReason) {
      this.stopReason = stopReason;
      return this;
    }

    public Builder steps(List<StepRecord> steps) {
      this.steps = steps;
      return this;
    }

    public Builder approvalsRequired(int approvalsRequired) {
      this.approvalsRequired = approvalsRequired;
      return this;
    }

    public Builder approvedBy(List<String> approvedBy) {
      this.approvedBy = approvedBy;
      return this;
    }

    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    public Builder initialDueAt(Instant initialDueAt) {
      this.initialDueAt = initialDueAt;
      return this;
    }

    public Builder dueAt(Instant dueAt) {
      this.dueAt = dueAt;
      return this;
    }

    public Builder statusSince(Instant statusSince) {
      this.statusSince = statusSince;
      return this;
    }

    public Builder finishedOnTime(Boolean finishedOnTime) {
      this.finishedOnTime = finishedOnTime;
      return this;
    }

    public PurgeRecord build() {
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
          receivedAt,
          initialDueAt,
          dueAt,
          statusSince,
          finishedOnTime);
    }
  }
}
