package dev.warden.api.gate;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The one outcome counter of every gated request, {@code warden.gate.requests{route_class,
 * outcome}}: the gate chain's {@code allowed}, {@code blocked} (kill switch), {@code rate_limited}
 * and {@code quota_exceeded}, and the security layer's {@code unauthorized} (401) and {@code
 * forbidden} (403), which refuse a request before any gate runs. The route class is the {@link
 * Gated} action ({@code upload}, {@code index}, {@code search}, {@code pack}, {@code purge}); a
 * refused request to any other route counts as {@code other}. Never tagged by tenant.
 */
@Component
public class GateOutcomes {

  public static final String METRIC = "warden.gate.requests";
  public static final String ALLOWED = "allowed";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String OTHER_ROUTES = "other";

  private final MeterRegistry meters;
  private final GatedRoutes routes;
  private final ObjectProvider<RequestMappingHandlerMapping> mappings;

  GateOutcomes(
      MeterRegistry meters,
      GatedRoutes routes,
      ObjectProvider<RequestMappingHandlerMapping> mappings) {
    this.meters = meters;
    this.routes = routes;
    this.mappings = mappings;
  }

  public void count(String routeClass, String outcome) {
    meters.counter(METRIC, "route_class", routeClass, "outcome", outcome).increment();
  }

  /** Counts a refusal of the security layer, which runs before the handler is known. */
  public void countRefused(HttpServletRequest request, String outcome) {
    count(routeClass(request), outcome);
  }

  /**
   * The gated action of the handler this request maps to, or {@code other}. Asks the handler
   * mappings the way the dispatcher would, since the security filters run before it.
   */
  String routeClass(HttpServletRequest request) {
    try {
      if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
        ServletRequestPathUtils.parseAndCache(request);
      }
      // Looked up per refusal, not injected: the security layer is built before the mappings.
      for (RequestMappingHandlerMapping mapping : mappings.orderedStream().toList()) {
        HandlerExecutionChain chain = mapping.getHandler(request);
        if (chain != null && chain.getHandler() instanceof HandlerMethod method) {
          return routes.find(method).map(r -> r.action().id()).orElse(OTHER_ROUTES);
        }
      }
    } catch (Exception unmapped) {
      // No handler (405, 415, ...): the request is refused either way; count it as other.
    }
    return OTHER_ROUTES;
  }
}
