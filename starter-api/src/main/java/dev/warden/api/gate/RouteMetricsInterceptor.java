package dev.warden.api.gate;

import dev.warden.api.web.RequestContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Times every {@link Gated} route as {@code warden.route{action, outcome}}, refused ones included:
 * registered ahead of the {@link GateInterceptor}, so its completion runs after that one's.
 * Outcomes: {@code success}, {@code client_error}, {@code server_error}, {@code blocked} (any gate
 * refused), {@code unenforced} (answered without passing the {@link GateChain}).
 */
final class RouteMetricsInterceptor implements HandlerInterceptor {

  private static final String STARTED = RouteMetricsInterceptor.class.getName() + ".started";
  private static final String ACTION = RouteMetricsInterceptor.class.getName() + ".action";
  private static final String BLOCKED = RouteMetricsInterceptor.class.getName() + ".blocked";
  private static final String UNENFORCED = RouteMetricsInterceptor.class.getName() + ".unenforced";

  private final GatedRoutes routes;
  private final MeterRegistry meters;

  RouteMetricsInterceptor(GatedRoutes routes, MeterRegistry meters) {
    this.routes = routes;
    this.meters = meters;
  }

  /** Called when a gate refused the request, wherever it ran (interceptor or handler). */
  static void markBlocked(HttpServletRequest request) {
    request.setAttribute(BLOCKED, Boolean.TRUE);
  }

  /** Called when a gated route answered without passing the {@link GateChain}. */
  static void markUnenforced(HttpServletRequest request) {
    request.setAttribute(UNENFORCED, Boolean.TRUE);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      routes
          .find(method)
          .ifPresent(
              route -> {
                request.setAttribute(STARTED, System.nanoTime());
                request.setAttribute(ACTION, route.action().id());
                response.setHeader(
                    RequestContext.TRACE_HEADER, CurrentRequest.context(request).traceId());
              });
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!(request.getAttribute(STARTED) instanceof Long started)) {
      return;
    }
    Timer.builder("warden.route")
        .description("Gated routes by action and outcome")
        .tag("action", (String) request.getAttribute(ACTION))
        .tag("outcome", outcome(request, response, ex))
        .register(meters)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  private static String outcome(
      HttpServletRequest request, HttpServletResponse response, Exception ex) {
    if (Boolean.TRUE.equals(request.getAttribute(BLOCKED))) {
      return "blocked";
    }
    if (Boolean.TRUE.equals(request.getAttribute(UNENFORCED))) {
      return "unenforced";
    }
    if (ex != null || response.getStatus() >= 500) {
      return "server_error";
    }
    return response.getStatus() >= 400 ? "client_error" : "success";
  }
}
