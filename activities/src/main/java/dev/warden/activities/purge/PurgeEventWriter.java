package dev.warden.activities.purge;

import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.trace.TraceContext;
import io.temporal.activity.Activity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A purge's event as a DatasetEvent: its attributes, its actor, its trace and an id derived from
 * (purge, run, type, step, attempt), so a repeated write is ignored; and what the metrics count of
 * it once it is stored.
 */
final class PurgeEventWriter {

  /** Who acts for events the workflow emits on its own (steps, completion). */
  static final String SYSTEM_ACTOR = "system:warden-worker";

  private final DatasetEventStore events;
  private final Clock clock;
  private final PurgeMetrics metrics;

  PurgeEventWriter(DatasetEventStore events, Clock clock, PurgeMetrics metrics) {
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Appends the event; false when one with its derived id was already stored (a retry). */
  boolean append(PurgeEvent event) {
    return append(event, Activity.getExecutionContext().getInfo().getRunId(), null);
  }

  /**
   * Appends the event of the workflow run {@code runId}; {@code id}: the event's, or null for the
   * one derived from (purge, run, type, step, attempt).
   */
  boolean append(PurgeEvent event, String runId, UUID id) {
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
    boolean appended =
        events.append(
            new DatasetEvent(
                // The run id keeps a reset run's events: same purge, step and attempt, new run.
                id != null
                    ? id
                    : DatasetEvent.deterministicId(
                        request.purgeId(),
                        runId,
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
    return appended;
  }

  // Counted when the event is first stored, so a retried activity does not count twice.
  void count(PurgeEvent event) {
    if (event.type() == PurgeEventType.PURGE_RESIDUE_FOUND) {
      event.attributes().entrySet().stream()
          .filter(e -> !"0".equals(e.getValue()))
          .forEach(e -> metrics.residueFound(e.getKey()));
    } else if (event.type() == PurgeEventType.STEP_STARTED
        && event.step() != null
        && "true".equals(event.attributes().get("repair"))) {
      metrics.repair(PurgeMetrics.store(event.step()));
    }
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
}
