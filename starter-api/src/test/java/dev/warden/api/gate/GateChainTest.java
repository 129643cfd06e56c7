package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The chain's order, its once-per-request pass, its counter, and the unenforced-route alarm. */
class GateChainTest {

  private final List<String> calls = new ArrayList<>();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final MockHttpServletRequest http = new MockHttpServletRequest("GET", "/v1/x");
  private final MockHttpServletResponse response = new MockHttpServletResponse();
  private final GatedRoutes.Route route =
      new GatedRoutes.Route(KillSwitchAction.SEARCH, List.of(), false);
  private GateProblem refusal;

  private Gate gate(String name, int order) {
    return new Gate() {
      @Override
      public void enforce(GateRequest request) {
        calls.add(name);
        if (refusal != null && name.equals("rate")) {
          throw refusal;
        }
      }

      @Override
      public int getOrder() {
        return order;
      }
    };
  }

  private GateChain chain() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("quota", gate("quota", Gate.QUOTA));
    beans.registerSingleton("kill", gate("kill", Gate.KILL_SWITCH));
    beans.registerSingleton("rate", gate("rate", Gate.RATE_LIMIT));
    return new GateChain(
        beans.getBeanProvider(Gate.class),
        Env.of("prod"),
        new GateOutcomes(
            meters,
            new GatedRoutes(null),
            new DefaultListableBeanFactory()
                .getBeanProvider(
                    org.springframework.web.servlet.mvc.method.annotation
                        .RequestMappingHandlerMapping.class)));
  }

  @BeforeEach
  void bindRequest() {
    http.setAttribute(GateChain.ROUTE, route);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(http));
  }

  @AfterEach
  void unbind() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void givenThreeGates_whenTheChainRunsTwice_thenTheyRunOnceInOrderAndTheRequestCounts() {
    GateChain chain = chain();
    GateRequest request = chain.request(http, TenantId.of("acme"));

    chain.enforce(request, response);
    chain.enforce(request, response);

    assertThat(calls).containsExactly("kill", "rate", "quota");
    assertThat(request.action()).isEqualTo(KillSwitchAction.SEARCH);
    assertThat(request.env()).isEqualTo(Env.of("prod"));
    assertThat(count("allowed")).isEqualTo(1);
  }

  @Test
  void givenTheRateGateRefuses_whenTheChainRuns_thenLaterGatesDoNotRunAndTheRefusalIsCounted() {
    refusal =
        new GateProblem(
            ProblemTypes.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, "t", "d", Map.of(), Map.of());
    GateChain chain = chain();

    GateProblem thrown =
        catchThrowableOfType(
            () -> chain.enforce(chain.request(http, TenantId.of("acme")), response),
            GateProblem.class);

    assertThat(thrown.outcome()).isEqualTo(GateProblem.RATE_LIMITED);
    assertThat(calls).containsExactly("kill", "rate");
    assertThat(count("rate_limited")).isEqualTo(1);
    assertThat(http.getAttribute(GateChain.PASSED)).isNull();
  }

  @Test
  void givenAGatedRouteThatSkippedTheChain_whenItAnswers200_thenItIsCountedAsUnenforced() {
    GateInterceptor interceptor = new GateInterceptor(new GatedRoutes(null), meters);
    response.setStatus(200);

    interceptor.afterCompletion(http, response, null, null);
    http.setAttribute(GateChain.PASSED, Boolean.TRUE);
    interceptor.afterCompletion(http, response, null, null);

    assertThat(meters.counter("warden.gate.unenforced", "action", "search").count()).isEqualTo(1);
  }

  @Test
  void givenAGatedRouteThatFailedOnInput_whenItAnswers400_thenItIsNotUnenforced() {
    GateInterceptor interceptor = new GateInterceptor(new GatedRoutes(null), meters);
    response.setStatus(400);

    interceptor.afterCompletion(http, response, null, null);

    assertThat(meters.find("warden.gate.unenforced").counter()).isNull();
  }

  private double count(String outcome) {
    return meters
        .counter("warden.gate.requests", "route_class", "search", "outcome", outcome)
        .count();
  }
}
