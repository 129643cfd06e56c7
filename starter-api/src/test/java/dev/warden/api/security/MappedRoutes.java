package dev.warden.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every route the running app maps, read from Spring's handler mappings, with a callable path. */
public record MappedRoutes(List<Route> routes) {

  /** One method and path pattern, e.g. {@code GET /v1/purges/{purgeId}}. */
  public record Route(HttpMethod method, String pattern) {
    /** A concrete path: {@code {tenantId}} is the given tenant, other variables fresh UUIDs. */
    public String path(String tenantId) {
      return pattern
          .replace("{tenantId}", tenantId)
          .replaceAll("\\{\\*[^}]+}", "x")
          .replace("**", "x")
          .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
      return method.name() + " " + pattern;
    }
  }

  public static MappedRoutes of(ApplicationContext context) {
    List<Route> routes = new ArrayList<>();
    context
        .getBeansOfType(RequestMappingHandlerMapping.class)
        .values()
        .forEach(
            mapping ->
                mapping
                    .getHandlerMethods()
                    .keySet()
                    .forEach(
                        info -> {
                          Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                          // A mapping without methods answers every method: check the usual ones.
                          List<HttpMethod> each =
                              methods.isEmpty()
                                  ? List.of(
                                      HttpMethod.GET,
                                      HttpMethod.POST,
                                      HttpMethod.PUT,
                                      HttpMethod.DELETE)
                                  : methods.stream().map(RequestMethod::asHttpMethod).toList();
                          for (String pattern : info.getPatternValues()) {
                            each.forEach(m -> routes.add(new Route(m, pattern)));
                          }
                        }));
    return new MappedRoutes(routes.stream().distinct().toList());
  }
}
