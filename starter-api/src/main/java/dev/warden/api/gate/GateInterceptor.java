package dev.warden.api.gate;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs the gates of a {@link Gated} route, in order, before its handler: the request reaches the
 * handler only if every gate returns. The tenant comes from the {@code tenantId} path variable,
 * validated here, so a bad id is a 400 before any switch is consulted.
 */
final class GateInterceptor implements HandlerInterceptor {

  static final String TENANT_VARIABLE = "tenantId";

  private final GatedRoutes routes;
  private final List<Gate> gates;
  private final Env env;

  GateInterceptor(GatedRoutes routes, List<Gate> gates, Env env) {
    this.routes = routes;
    this.gates = List.copyOf(gates);
    this.env = env;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Optional<GatedRoutes.Route> route = routes.find(method);
    if (route.isEmpty() || route.get().enforcedByHandler()) {
      return true;
    }
    GateRequest gated =
        new GateRequest(
            env,
            tenant(request),
            route.get().action(),
            route.get().providers(),
            CurrentRequest.context(request));
    for (Gate gate : gates) {
      gate.enforce(gated);
    }
    return true;
  }

  private static TenantId tenant(HttpServletRequest request) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && map.get(TENANT_VARIABLE) instanceof String raw) {
      return TenantId.of(raw);
    }
    return null;
  }
}
