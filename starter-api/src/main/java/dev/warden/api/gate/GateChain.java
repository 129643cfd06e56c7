package dev.warden.api.gate;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Every {@link Gate}, in order: kill switch, rate limit, quota. A {@link Gated} handler calls
 * {@link #enforce} itself, after it has validated its input and before it does any work, so a bad
 * request is a 400 that consumed nothing (no token, no quota). The {@link GateInterceptor} reports
 * a gated route that answered without passing the chain. Counts each outcome in {@link
 * GateOutcomes}.
 */
@Component
public class GateChain {

  static final String ROUTE = GateChain.class.getName() + ".route";
  static final String PASSED = GateChain.class.getName() + ".passed";

  private final ObjectProvider<Gate> gateBeans;
  private final Env deploymentEnv;
  private final GateOutcomes outcomes;
  private volatile List<Gate> gates;

  GateChain(ObjectProvider<Gate> gates, Env deploymentEnv, GateOutcomes outcomes) {
    this.gateBeans = gates;
    this.deploymentEnv = deploymentEnv;
    this.outcomes = outcomes;
  }

  /** What the current gated route is about to do for {@code tenant} in this deployment's env. */
  public GateRequest request(HttpServletRequest http, TenantId tenant) {
    return request(http, deploymentEnv, tenant);
  }

  /**
   * What the current gated route is about to do: its action and providers as {@link Gated} declares
   * them, for {@code tenant} (null for none) in {@code env}.
   */
  public GateRequest request(HttpServletRequest http, Env env, TenantId tenant) {
    if (!(http.getAttribute(ROUTE) instanceof GatedRoutes.Route route)) {
      throw new IllegalStateException(
          "GateChain called outside a @Gated route: " + http.getRequestURI());
    }
    return new GateRequest(
        env, tenant, route.action(), route.providers(), CurrentRequest.context(http));
  }

  /**
   * Runs every gate; returns when all let the request through. Once per request: a second call
   * after a pass returns at once and consumes nothing more.
   *
   * @param response receives the headers an admitted request carries ({@code RateLimit}); may be
   *     null
   * @throws GateProblem the first refusal (answered as problem+json by {@link GateProblemHandler})
   */
  public void enforce(GateRequest request, HttpServletResponse response) {
    RequestAttributes web = RequestContextHolder.getRequestAttributes();
    if (web != null && web.getAttribute(PASSED, RequestAttributes.SCOPE_REQUEST) != null) {
      return;
    }
    try {
      for (Gate gate : gates()) {
        gate.enforce(request, response);
      }
    } catch (GateProblem refused) {
      count(request, refused.outcome());
      throw refused;
    }
    count(request, GateOutcomes.ALLOWED);
    if (web != null) {
      web.setAttribute(PASSED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }
  }

  private List<Gate> gates() {
    List<Gate> known = gates;
    if (known == null) {
      known = gateBeans.orderedStream().toList();
      gates = known;
    }
    return known;
  }

  private void count(GateRequest request, String outcome) {
    outcomes.count(request.action().id(), outcome);
  }
}
