package dev.warden.api.gate;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Hands a {@link Gated} route's declaration to its handler's {@link GateChain} call, and catches a
 * handler that forgot that call: a gated route that answered with success without passing the chain
 * is logged at ERROR, counted as {@code warden.gate.unenforced{action}} and timed with the outcome
 * {@code unenforced}. The gates themselves run in the handler, after its input is validated.
 */
final class GateInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(GateInterceptor.class);

  private final GatedRoutes routes;
  private final MeterRegistry meters;

  GateInterceptor(GatedRoutes routes, MeterRegistry meters) {
    this.routes = routes;
    this.meters = meters;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      Optional<GatedRoutes.Route> route = routes.find(method);
      route.ifPresent(r -> request.setAttribute(GateChain.ROUTE, r));
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!(request.getAttribute(GateChain.ROUTE) instanceof GatedRoutes.Route route)
        || request.getAttribute(GateChain.PASSED) != null
        || ex != null
        || response.getStatus() >= 400) {
      return;
    }
    RouteMetricsInterceptor.markUnenforced(request);
    meters.counter("warden.gate.unenforced", "action", route.action().id()).increment();
    log.error(
        "gated route {} {} ({}) answered {} without passing the gate chain: its handler must call"
            + " GateChain.enforce",
        request.getMethod(),
        request.getRequestURI(),
        handler,
        response.getStatus());
  }
}
