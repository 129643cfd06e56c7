package dev.warden.api.quota;

import dev.warden.api.gate.GateProblem;
import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.quota.QuotaExceededException;
import dev.warden.engines.quota.QuotaKind;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a refused quota into the client's answer (403 for storage capacity, 429 with {@code
 * Retry-After} until the day resets for indexing ops), one {@code QUOTA_EXCEEDED} event per tenant,
 * quota and window (the UTC hour for storage, the UTC day for indexing ops: a flood of refusals
 * writes one row, not one per request) and a counter per refusal.
 */
@Component
public class QuotaRefusals {

  private static final Logger log = LoggerFactory.getLogger(QuotaRefusals.class);

  private final DatasetEventStore events;
  private final MeterRegistry meters;
  private final Clock clock;

  QuotaRefusals(DatasetEventStore events, MeterRegistry meters, Clock clock) {
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  /** Records the refusal and returns the problem to throw. */
  public GateProblem refuse(
      QuotaExceededException e,
      Env env,
      TenantId tenant,
      String routeClass,
      RequestContext context) {
    Instant now = clock.instant();
    audit(e, env, tenant, routeClass, context, now);
    meters
        .counter("warden.gate.quota_exceeded", "quota", e.quota().id(), "route_class", routeClass)
        .increment();
    return problem(e, now);
  }

  static GateProblem problem(QuotaExceededException e, Instant now) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("quota", e.quota().id());
    properties.put("limit", e.limit());
    properties.put("used", e.used());
    properties.put("reserved", e.reserved());
    properties.put("requested", e.requested());
    properties.put("available", Math.max(0, e.limit() - e.used() - e.reserved()));
    if (e.quota() == QuotaKind.STORAGE_BYTES) {
      return new GateProblem(
          ProblemTypes.QUOTA_EXCEEDED,
          HttpStatus.FORBIDDEN,
          "Quota exceeded",
          "storage quota exceeded: %d bytes requested, %d of %d bytes used and %d reserved"
              .formatted(e.requested(), e.used(), e.limit(), e.reserved()),
          properties,
          Map.of());
    }
    properties.put("resetsAt", e.resetsAt().toString());
    long retryAfter = Math.max(1, Duration.between(now, e.resetsAt()).toSeconds());
    return new GateProblem(
        ProblemTypes.QUOTA_EXCEEDED,
        HttpStatus.TOO_MANY_REQUESTS,
        "Quota exceeded",
        "indexing quota exceeded: %d of %d ops used today (UTC); resets at %s"
            .formatted(e.used(), e.limit(), e.resetsAt()),
        properties,
        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
  }

  private void audit(
      QuotaExceededException e,
      Env env,
      TenantId tenant,
      String routeClass,
      RequestContext context,
      Instant now) {
    Instant window =
        now.truncatedTo(e.quota() == QuotaKind.STORAGE_BYTES ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    UUID id =
        UUID.nameUUIDFromBytes(
            "QUOTA_EXCEEDED|%s|%s|%s|%s"
                .formatted(env, tenant, e.quota().id(), window)
                .getBytes(StandardCharsets.UTF_8));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("quota", e.quota().id());
    attributes.put("routeClass", routeClass);
    attributes.put("limit", Long.toString(e.limit()));
    attributes.put("used", Long.toString(e.used()));
    attributes.put("reserved", Long.toString(e.reserved()));
    attributes.put("requested", Long.toString(e.requested()));
    attributes.put("window", window.toString());
    try {
      events.append(
          new DatasetEvent(
              id,
              DatasetEventType.QUOTA_EXCEEDED,
              tenant.value(),
              env.value(),
              context.actor(),
              context.traceId(),
              now,
              attributes));
    } catch (RuntimeException ex) {
      // The refusal stands either way; a missing audit row must not turn a 4xx into a 500.
      log.error("could not record QUOTA_EXCEEDED for trace {}", context.traceId(), ex);
    }
  }
}
