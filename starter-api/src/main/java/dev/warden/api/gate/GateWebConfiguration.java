package dev.warden.api.gate;

import dev.warden.engines.tenant.Env;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the gates in front of the {@link Gated} routes: first the route timer (so refused requests
 * are timed too), then the gates in their order (kill switch, rate limit, quota), then the handler.
 */
@Configuration(proxyBeanMethods = false)
class GateWebConfiguration implements WebMvcConfigurer {

  private final GatedRoutes routes;
  private final ObjectProvider<Gate> gates;
  private final Env deploymentEnv;
  private final MeterRegistry meters;

  GateWebConfiguration(
      GatedRoutes routes, ObjectProvider<Gate> gates, Env deploymentEnv, MeterRegistry meters) {
    this.routes = routes;
    this.gates = gates;
    this.deploymentEnv = deploymentEnv;
    this.meters = meters;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    List<Gate> ordered = gates.orderedStream().toList();
    registry.addInterceptor(new RouteMetricsInterceptor(routes, meters)).order(0);
    registry.addInterceptor(new GateInterceptor(routes, ordered, deploymentEnv)).order(1);
  }
}
