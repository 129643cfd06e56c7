package dev.warden.api.gate;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.engines.ratelimit.RateLimitDecision;
import dev.warden.engines.ratelimit.RateLimitProperties;
import dev.warden.engines.ratelimit.RateLimiter;
import dev.warden.engines.ratelimit.RouteClass;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The second gate: one token from the bucket of the request's env, tenant and route class. Admitted
 * requests carry {@code RateLimit} and {@code RateLimit-Policy}; a refusal is a 429 {@code
 * rate-limited} with {@code Retry-After}, counted as {@code warden.gate.rate_limited} and recorded
 * once per tenant, class and window by {@link RateLimitAudit}. A limiter failure lets the request
 * through (counted as {@code warden.gate.unavailable}): rate limiting fails open, never into a 500.
 */
@Component
public class RateLimitGate implements Gate {

  public static final String POLICY_HEADER = "RateLimit-Policy";
  public static final String HEADER = "RateLimit";
  private static final Logger log = LoggerFactory.getLogger(RateLimitGate.class);

  private final RateLimiter limiter;
  private final boolean enabled;
  private final RateLimitAudit audit;
  private final MeterRegistry meters;

  RateLimitGate(
      RateLimiter limiter,
      RateLimitProperties properties,
      RateLimitAudit audit,
      MeterRegistry meters) {
    this.limiter = limiter;
    this.enabled = properties.enabled();
    this.audit = audit;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return RATE_LIMIT;
  }

  @Override
  public void enforce(GateRequest request) {
    enforce(request, null);
  }

  @Override
  public void enforce(GateRequest request, HttpServletResponse response) {
    Optional<RouteClass> routeClass = RouteClass.of(request.action());
    if (!enabled || routeClass.isEmpty()) {
      return;
    }
    RateLimitDecision decision;
    try {
      decision = limiter.tryConsume(request.env(), request.tenant(), routeClass.get());
    } catch (RuntimeException e) {
      meters
          .counter("warden.gate.unavailable", "action", request.action().id(), "gate", "rate_limit")
          .increment();
      log.error("rate limiter failed for {}; letting the request through", request.action(), e);
      return;
    }
    Map<String, String> headers = headers(decision);
    if (decision.allowed()) {
      if (response != null) {
        headers.forEach(response::setHeader);
      }
      return;
    }
    meters
        .counter(
            "warden.gate.rate_limited",
            "route_class",
            decision.routeClass().id(),
            "backend",
            decision.shared() ? "redis" : "local")
        .increment();
    audit.limited(request, decision);
    throw refused(request, decision, headers);
  }

  /** The IETF RateLimit headers (structured fields) and, on a refusal, Retry-After. */
  static Map<String, String> headers(RateLimitDecision d) {
    Map<String, String> headers = new LinkedHashMap<>();
    String name = "\"" + d.routeClass().id() + "\"";
    headers.put(
        POLICY_HEADER, name + ";q=" + d.policy().capacity() + ";w=" + d.policy().windowSeconds());
    headers.put(HEADER, name + ";r=" + d.remaining() + ";t=" + d.resetSeconds());
    if (!d.allowed()) {
      headers.put(HttpHeaders.RETRY_AFTER, Long.toString(d.retryAfterSeconds()));
    }
    return headers;
  }

  private static GateProblem refused(
      GateRequest request, RateLimitDecision d, Map<String, String> headers) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("routeClass", d.routeClass().id());
    properties.put("policy", d.policy().toString());
    properties.put("capacity", d.policy().capacity());
    properties.put("periodSeconds", d.policy().windowSeconds());
    properties.put("remaining", 0);
    properties.put("retryAfterSeconds", d.retryAfterSeconds());
    String detail =
        "%s%s in %s is over its rate limit of %s (%d per %d s); retry in %d s"
            .formatted(
                d.routeClass(),
                request.tenant() == null ? "" : " for tenant " + request.tenant(),
                request.env(),
                d.policy(),
                d.policy().capacity(),
                d.policy().windowSeconds(),
                d.retryAfterSeconds());
    return new GateProblem(
        ProblemTypes.RATE_LIMITED,
        HttpStatus.TOO_MANY_REQUESTS,
        "Rate limited",
        detail,
        properties,
        headers,
        GateProblem.RATE_LIMITED);
  }
}
