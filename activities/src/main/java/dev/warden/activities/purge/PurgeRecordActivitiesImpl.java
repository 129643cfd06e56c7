package dev.warden.activities.purge;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StepResult;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Writes purge status, step results and events; each write is safe to repeat. */
public final class PurgeRecordActivitiesImpl implements PurgeRecordActivities {

  /** Who acts for events the workflow emits on its own (steps, completion). */
  public static final String SYSTEM_ACTOR = "system:warden-worker";

  private final PurgeRecordStore purges;
  private final DatasetEventStore events;
  private final Clock clock;

  public PurgeRecordActivitiesImpl(PurgeRecordStore purges, DatasetEventStore events, Clock clock) {
    this.purges = purges;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void markRunning(String purgeId, String runId) {
    purges.markRunning(UUID.fromString(purgeId), runId);
  }

  @Override
  public void emit(PurgeEvent event) {
    PurgeRequest request = event.request();
    String step = event.step() == null ? "-" : event.step().name();
    Map<String, String> attributes = new HashMap<>(event.attributes());
    attributes.put("purgeId", request.purgeId());
    if (event.step() != null) {
      attributes.put("step", step);
      attributes.put("attempt", Integer.toString(event.attempt()));
    }
    if (event.type() == PurgeEventType.PURGE_REQUESTED) {
      attributes.put("reason", String.valueOf(request.reason()));
      attributes.put("ticket", String.valueOf(request.ticket()));
    }
    events.append(
        new DatasetEvent(
            DatasetEvent.deterministicId(
                request.purgeId(), event.type().name(), step, Integer.toString(event.attempt())),
            DatasetEventType.valueOf(event.type().name()),
            request.tenantId(),
            request.env(),
            event.type() == PurgeEventType.PURGE_REQUESTED ? request.requestedBy() : SYSTEM_ACTOR,
            request.traceId(),
            clock.instant(),
            attributes));
  }

  @Override
  public void recordStep(String purgeId, StepResult result) {
    purges.recordStep(
        UUID.fromString(purgeId), result.step().name(), result.items(), result.bytes());
  }

  @Override
  public void complete(PurgeOutcome outcome) {
    purges.complete(
        UUID.fromString(outcome.purgeId()), PurgeState.valueOf(outcome.status().name()));
  }
}
