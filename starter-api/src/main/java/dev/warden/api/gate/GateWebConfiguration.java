package dev.warden.api.gate;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Around the {@link Gated} routes: first the route timer (so refused requests are timed too), then
 * the interceptor that hands the route's declaration to the handler's {@link GateChain} call and
 * reports a handler that skipped it.
 */
@Configuration(proxyBeanMethods = false)
class GateWebConfiguration implements WebMvcConfigurer {

  private final GatedRoutes routes;
  private final MeterRegistry meters;

  GateWebConfiguration(GatedRoutes routes, MeterRegistry meters) {
    this.routes = routes;
    this.meters = meters;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RouteMetricsInterceptor(routes, meters)).order(0);
    registry.addInterceptor(new GateInterceptor(routes, meters)).order(1);
  }
}
