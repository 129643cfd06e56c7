package dev.warden.activities.purge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.trace.TraceContext;
import io.temporal.activity.Activity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Writes purge status, step totals, events and the receipt; each write is safe to repeat. */
public final class PurgeRecordActivitiesImpl implements PurgeRecordActivities {

  /** Who acts for events the workflow emits on its own (steps, completion). */
  public static final String SYSTEM_ACTOR = "system:warden-worker";

  private final PurgeRecordStore purges;
  private final LegalHoldStore holds;
  private final DatasetEventStore events;
  private final QuotaLedger quotas;
  private final ObjectMapper json;
  private final Clock clock;

  public PurgeRecordActivitiesImpl(
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      QuotaLedger quotas,
      ObjectMapper json,
      Clock clock) {
    this.quotas = quotas;
    this.purges = purges;
    this.holds = holds;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void markRunning(String purgeId, String runId) {
    purges.markRunning(UUID.fromString(purgeId), runId);
  }

  @Override
  public void setStatus(String purgeId, PurgeStatus status, PurgeStep step, String detail) {
    purges.setStatus(
        UUID.fromString(purgeId),
        ContractMapping.state(status),
        step == null ? null : step.name(),
        detail);
  }

  @Override
  public void emit(PurgeEvent event) {
    PurgeRequest request = event.request();
    String step = event.step() == null ? "-" : event.step().name();
    Map<String, String> attributes = new HashMap<>(event.attributes());
    attributes.put("purgeId", request.purgeId());
    if (event.step() != null) {
      attributes.put("step", step);
    }
    if (event.attempt() > 0) {
      attributes.put("attempt", Integer.toString(event.attempt()));
    }
    if (event.type() == PurgeEventType.PURGE_REQUESTED) {
      attributes.put("reason", String.valueOf(request.reason()));
      attributes.put("ticket", String.valueOf(request.ticket()));
    }
    events.append(
        new DatasetEvent(
            // The run id keeps a reset run's events: same purge, step and attempt, new run.
            DatasetEvent.deterministicId(
                request.purgeId(),
                Activity.getExecutionContext().getInfo().getRunId(),
                event.type().name(),
                step,
                Integer.toString(event.attempt())),
            ContractMapping.eventType(event.type()),
            request.tenantId(),
            request.env(),
            actor(event),
            // The request names its trace; a purge started without one (by hand, from Temporal
            // UI) has the trace context its starter's client propagated, if any.
            request.traceId() != null
                ? request.traceId()
                : TraceContext.current().map(TraceContext::traceId).orElse(null),
            clock.instant(),
            attributes));
  }

  // The requester on the request, the approver or rejecter on their act, else the worker.
  private static String actor(PurgeEvent event) {
    if (event.actor() != null) {
      return event.actor();
    }
    return event.type() == PurgeEventType.PURGE_REQUESTED
        ? event.request().requestedBy()
        : SYSTEM_ACTOR;
  }

  @Override
  public void recordApproval(String purgeId, String approver) {
    purges.recordApproval(UUID.fromString(purgeId), approver);
  }

  @Override
  public void recordStep(String purgeId, StepResult total) {
    purges.recordStep(UUID.fromString(purgeId), total.step().name(), total.items(), total.bytes());
  }

  @Override
  public boolean legalHoldActive(String tenantId, String env) {
    return holds.find(tenantId, env).isPresent();
  }

  @Override
  public void complete(PurgeOutcome outcome) {
    UUID id = UUID.fromString(outcome.purgeId());
    for (StepResult total : outcome.steps()) {
      purges.recordStep(id, total.step().name(), total.items(), total.bytes());
    }
    try {
      purges.complete(
          id,
          ContractMapping.state(outcome.status()),
          finalDetail(outcome),
          json.writeValueAsString(outcome.receipt()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("receipt is not serialisable", e);
    }
    if (outcome.status() == PurgeStatus.COMPLETED) {
      // A purged tenant holds nothing: its usage starts again from zero (limits stay). Safe to
      // repeat when the activity is retried.
      purges
          .find(id)
          .filter(p -> !p.dryRun())
          .ifPresent(p -> quotas.zero(TenantId.of(p.tenantId()), Env.of(p.env())));
    }
  }

  /** The status detail a finished purge keeps (it said "verifying" before). */
  static String finalDetail(PurgeOutcome outcome) {
    var receipt = outcome.receipt();
    if (receipt.stopReason() != null) {
      return "stopped: " + receipt.stopReason();
    }
    if (receipt.dryRun()) {
      return "dry run: counted what a purge would delete; nothing was deleted";
    }
    long items = outcome.steps().stream().mapToLong(StepResult::items).sum();
    return "completed: " + items + " items deleted, verification found nothing left";
  }
}
