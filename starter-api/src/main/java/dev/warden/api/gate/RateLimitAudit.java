package dev.warden.api.gate;

import dev.warden.api.web.RequestAudit;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.ratelimit.RateLimitDecision;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One {@code RATE_LIMITED} event per env, tenant, route class and window (the policy's period,
 * aligned to the epoch), however many requests the window refuses: the event id is derived from
 * those (so replicas and retries collapse on the store's unique id), and this replica skips the
 * insert once it has recorded a window.
 */
@Component
class RateLimitAudit {

  private static final Logger log = LoggerFactory.getLogger(RateLimitAudit.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final RequestAudit audit;
  private final Clock clock;
  private final Map<String, Long> recordedWindow = new ConcurrentHashMap<>();

  RateLimitAudit(RequestAudit audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  void limited(GateRequest request, RateLimitDecision d) {
    long window = d.policy().windowSeconds();
    long windowStart = clock.instant().getEpochSecond() / window * window;
    String tenant = request.tenant() == null ? "_" : request.tenant().value();
    String scope = request.env().value() + "|" + tenant + "|" + d.routeClass().id();
    Long known = recordedWindow.get(scope);
    if (known != null && known == windowStart) {
      return;
    }
    UUID eventId =
        UUID.nameUUIDFromBytes(
            ("RATE_LIMITED|" + scope + "|" + windowStart).getBytes(StandardCharsets.UTF_8));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("routeClass", d.routeClass().id());
    attributes.put("policy", d.policy().toString());
    attributes.put("windowStart", Long.toString(windowStart));
    attributes.put("windowSeconds", Long.toString(window));
    attributes.put("backend", d.shared() ? "redis" : "local");
    try {
      audit.record(
          eventId,
          DatasetEventType.RATE_LIMITED,
          request.tenant() == null ? null : request.tenant().value(),
          request.env().value(),
          request.context(),
          attributes);
      if (recordedWindow.size() >= MAX_REMEMBERED) {
        recordedWindow.clear();
      }
      recordedWindow.put(scope, windowStart);
    } catch (RuntimeException e) {
      // The 429 stands either way; a missing audit row must not turn it into a 500.
      log.error("could not record RATE_LIMITED for trace {}", request.context().traceId(), e);
    }
  }
}
