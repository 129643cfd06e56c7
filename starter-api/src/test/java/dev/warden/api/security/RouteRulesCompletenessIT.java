package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.gate.AbstractDevStackApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Deny by default, checked: every route the app maps has a rule in {@link RouteRules}. A new
 * controller (or a merged branch's) without one fails here instead of being silently refused (or,
 * worse, silently opened by a too-wide pattern someone adds to make it work).
 */
class RouteRulesCompletenessIT extends AbstractDevStackApiTest {

  @Autowired ApplicationContext context;

  @Test
  void givenEveryMappedRoute_whenLookedUpInTheRules_thenEachHasARule() {
    MappedRoutes mapped = MappedRoutes.of(context);
    assertThat(mapped.routes()).extracting(Object::toString).contains("GET /v1/purges/{purgeId}");

    List<String> withoutRule =
        mapped.routes().stream()
            .filter(route -> RouteRules.ruleFor(request(route)).isEmpty())
            .map(Object::toString)
            .toList();

    assertThat(withoutRule).as("mapped routes without a rule in RouteRules").isEmpty();
  }

  @Test
  void givenTheTenantDataRoutes_whenLookedUp_thenOnlyTheTenantItselfMayCallThem() {
    for (MappedRoutes.Route route : MappedRoutes.of(context).routes()) {
      String p = route.pattern();
      if (p.startsWith("/v1/tenants/{tenantId}/")
          && p.matches(".*/(uploads|documents|search|packs).*")) {
        Access access = RouteRules.ruleFor(request(route)).orElseThrow().access();
        assertThat(access.anyOf()).as(route.toString()).isEmpty();
        assertThat(access.ownTenant()).as(route.toString()).isTrue();
      }
    }
  }

  @Test
  void givenTheConsoleRoutes_whenLookedUp_thenEachIsAConsoleRuleWithAnApiRulesRoles() {
    List<Access> apiAccess = RouteRules.RULES.stream().map(RouteRules.Rule::access).toList();
    for (MappedRoutes.Route route : MappedRoutes.of(context).routes()) {
      if (route.pattern().startsWith("/console")) {
        RouteRules.Rule rule = RouteRules.ruleFor(request(route)).orElseThrow();
        assertThat(RouteRules.CONSOLE_RULES).as(route.toString()).contains(rule);
        if (!route.pattern().equals(TENANT_PAGE)) {
          assertThat(apiAccess).as(route.toString()).contains(rule.access());
        }
      }
    }
  }

  static final String TENANT_PAGE = "/console/tenants/{tenantId}";

  @Test
  void givenTheTenantPage_whenLookedUp_thenItsRolesAreThoseOfTheApiRoutesItShows() {
    MockHttpServletRequest page = new MockHttpServletRequest("GET", "/console/tenants/acme");
    page.setServletPath(page.getRequestURI());
    Access access = RouteRules.ruleFor(page).orElseThrow().access();
    String tenant = "/v1/tenants/{tenantId}";
    assertThat(access)
        .isEqualTo(
            RouteRules.anyOf(
                RouteRules.apiRule(HttpMethod.GET, tenant + "/legal-hold"),
                RouteRules.apiRule(HttpMethod.GET, tenant + "/quotas"),
                RouteRules.apiRule(HttpMethod.POST, tenant + "/reopen")));
    assertThat(access.anyOf()).containsExactlyInAnyOrder("legal", "auditor", "operator");
    assertThat(access.ownTenant()).isFalse();
  }

  static MockHttpServletRequest request(MappedRoutes.Route route) {
    MockHttpServletRequest request =
        new MockHttpServletRequest(route.method().name(), route.path("acme"));
    request.setServletPath(request.getRequestURI());
    return request;
  }
}
