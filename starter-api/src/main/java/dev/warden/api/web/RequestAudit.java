package dev.warden.api.web;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * DatasetEvents for what a request did or was refused, carrying the caller and the trace id of the
 * request: each is its own occurrence (a random id) unless the caller names a deterministic id.
 */
@Component
public class RequestAudit {

  private final DatasetEventStore events;
  private final Clock clock;

  public RequestAudit(DatasetEventStore events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public DatasetEvent record(
      DatasetEventType type,
      String tenantId,
      String env,
      RequestContext context,
      Map<String, String> attributes) {
    return record(UUID.randomUUID(), type, tenantId, env, context, attributes);
  }

  /**
   * Records an event under a deterministic id: a second record with the same id is ignored by the
   * store, so one occurrence (e.g. a tenant rate limited in one window) is one row however often it
   * is reported.
   */
  public DatasetEvent record(
      UUID eventId,
      DatasetEventType type,
      String tenantId,
      String env,
      RequestContext context,
      Map<String, String> attributes) {
    DatasetEvent event =
        new DatasetEvent(
            eventId,
            type,
            tenantId,
            env,
            context.actor(),
            context.traceId(),
            clock.instant(),
            attributes);
    events.append(event);
    return event;
  }
}
