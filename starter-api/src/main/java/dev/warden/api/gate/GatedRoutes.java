package dev.warden.api.gate;

import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The {@link Gated} handler methods, parsed once. Every mapped handler is read at startup, so a
 * provider typo such as {@code S3} stops the app instead of failing its first request.
 */
@Component
class GatedRoutes implements SmartInitializingSingleton {

  /** A gated route as the interceptors need it. */
  record Route(KillSwitchAction action, List<Provider> providers, boolean enforcedByHandler) {}

  private final ListableBeanFactory beans;
  private final Map<Method, Optional<Route>> routes = new ConcurrentHashMap<>();

  GatedRoutes(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void afterSingletonsInstantiated() {
    beans
        .getBeansOfType(RequestMappingHandlerMapping.class)
        .values()
        .forEach(mapping -> mapping.getHandlerMethods().values().forEach(this::find));
  }

  Optional<Route> find(HandlerMethod handler) {
    return routes.computeIfAbsent(handler.getMethod(), GatedRoutes::parse);
  }

  private static Optional<Route> parse(Method method) {
    Gated gated = method.getAnnotation(Gated.class);
    if (gated == null) {
      return Optional.empty();
    }
    try {
      List<Provider> providers = Arrays.stream(gated.providers()).map(Provider::of).toList();
      return Optional.of(new Route(gated.action(), providers, gated.enforcedByHandler()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("@Gated on " + method + " is invalid: " + e.getMessage(), e);
    }
  }
}
