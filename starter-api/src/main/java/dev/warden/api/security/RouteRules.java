package dev.warden.api.security;

import static dev.warden.api.security.Roles.AUDITOR;
import static dev.warden.api.security.Roles.COMPLIANCE;
import static dev.warden.api.security.Roles.LEGAL;
import static dev.warden.api.security.Roles.METRICS;
import static dev.warden.api.security.Roles.OPERATOR;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call which route; the first matching rule decides, and a request no rule matches is
 * refused (deny by default). {@code RouteRulesCompletenessTest} fails when a mapped route has no
 * rule, so a new controller cannot ship open or silently closed. The table is in docs/operations.md
 * ("Roles").
 */
final class RouteRules {

  /** One rule; {@code method} null means every method. {@code path} ignores the method. */
  record Rule(
      HttpMethod method,
      String pattern,
      Access access,
      RequestMatcher matcher,
      RequestMatcher path) {}

  private static final String TENANT = "/v1/tenants/{tenantId}";
  private static final String PURGE = "/v1/purges/{purgeId}";

  static final List<Rule> RULES =
      List.of(
          // Purges: compliance asks (also dry runs), cancels (and will approve); operators retry.
          rule(HttpMethod.POST, "/v1/purges", Access.roles(COMPLIANCE)),
          rule(HttpMethod.GET, "/v1/purges", Access.roles(COMPLIANCE, AUDITOR, OPERATOR)),
          rule(HttpMethod.GET, "/v1/purges/{purgeId}", Access.roles(COMPLIANCE, AUDITOR, OPERATOR)),
          rule(
              HttpMethod.GET,
              "/v1/purges/{purgeId}/progress",
              Access.roles(COMPLIANCE, AUDITOR, OPERATOR)),
          rule(HttpMethod.GET, "/v1/purges/{purgeId}/receipt", Access.roles(COMPLIANCE, AUDITOR)),
          rule(HttpMethod.POST, "/v1/purges/{purgeId}/retry", Access.roles(OPERATOR)),
          rule(HttpMethod.POST, "/v1/purges/{purgeId}/cancel", Access.roles(COMPLIANCE)),
          rule(HttpMethod.POST, "/v1/purges/{purgeId}/extend", Access.roles(COMPLIANCE)),
          rule(HttpMethod.POST, "/v1/purges/{purgeId}/approve", Access.roles(COMPLIANCE)),
          rule(HttpMethod.POST, "/v1/purges/{purgeId}/reject", Access.roles(COMPLIANCE)),
          rule(HttpMethod.GET, "/v1/events", Access.roles(COMPLIANCE, AUDITOR)),
          rule(HttpMethod.GET, "/v1/events/verify", Access.roles(AUDITOR)),
          // Temporal's remote codec (Web UI, CLI): staff who read purge histories.
          rule(
              HttpMethod.POST,
              "/v1/temporal/codec/encode",
              Access.roles(OPERATOR, COMPLIANCE, AUDITOR)),
          rule(
              HttpMethod.POST,
              "/v1/temporal/codec/decode",
              Access.roles(OPERATOR, COMPLIANCE, AUDITOR)),
          // The public keys of signed receipts: anyone verifies a receipt with them alone.
          rule(HttpMethod.GET, "/v1/receipts/keys", Access.open()),
          // Kill switches and reconciliation: operators; auditors read.
          rule(HttpMethod.GET, "/v1/kill-switches", Access.roles(OPERATOR, AUDITOR)),
          rule(HttpMethod.PUT, "/v1/kill-switches", Access.roles(OPERATOR)),
          rule(HttpMethod.GET, "/v1/reconciliations", Access.roles(OPERATOR, AUDITOR)),
          rule(HttpMethod.GET, "/v1/reconciliations/**", Access.roles(OPERATOR, AUDITOR)),
          rule(null, "/v1/reconciliations", Access.roles(OPERATOR)),
          rule(null, "/v1/reconciliations/**", Access.roles(OPERATOR)),
          // Per tenant: legal holds (legal), quotas (operators; the tenant reads its own), reopen.
          rule(HttpMethod.GET, TENANT + "/legal-hold", Access.roles(LEGAL, AUDITOR)),
          rule(HttpMethod.PUT, TENANT + "/legal-hold", Access.roles(LEGAL)),
          rule(HttpMethod.DELETE, TENANT + "/legal-hold", Access.roles(LEGAL)),
          rule(HttpMethod.GET, TENANT + "/quotas", Access.tenantSelf(OPERATOR, AUDITOR)),
          rule(HttpMethod.PUT, TENANT + "/quotas", Access.roles(OPERATOR)),
          rule(HttpMethod.POST, TENANT + "/reopen", Access.roles(OPERATOR)),
          // The data routes: the tenant itself, nobody else.
          rule(HttpMethod.POST, TENANT + "/uploads/presign", Access.tenantSelf()),
          rule(HttpMethod.POST, TENANT + "/uploads/{reservationId}/complete", Access.tenantSelf()),
          rule(HttpMethod.PUT, TENANT + "/documents/{docId}", Access.tenantSelf()),
          rule(HttpMethod.GET, TENANT + "/search", Access.tenantSelf()),
          rule(HttpMethod.POST, TENANT + "/packs", Access.tenantSelf()),
          // Actuator: liveness/readiness open; metrics for the scraper and operators.
          rule(HttpMethod.GET, "/actuator/health", Access.open()),
          rule(HttpMethod.GET, "/actuator/health/**", Access.open()),
          rule(HttpMethod.GET, "/actuator/prometheus", Access.roles(OPERATOR, METRICS)),
          rule(null, "/actuator/**", Access.roles(OPERATOR)),
          // API docs hold no data; Swagger UI sends the token a user pastes.
          rule(HttpMethod.GET, "/v3/api-docs", Access.open()),
          rule(HttpMethod.GET, "/v3/api-docs/**", Access.open()),
          rule(HttpMethod.GET, "/v3/api-docs.yaml", Access.open()),
          rule(HttpMethod.GET, "/swagger-ui.html", Access.open()),
          rule(HttpMethod.GET, "/swagger-ui/**", Access.open()),
          // Boot's error page renders errors of requests already let through.
          rule(null, "/error", Access.open()),
          // The console's scripts and stylesheet hold no data.
          rule(HttpMethod.GET, "/webjars/**", Access.open()),
          rule(HttpMethod.GET, "/console/assets/**", Access.open()));

  /**
   * The console's pages and forms (their own session chain, {@link ConsoleSecurityConfiguration}):
   * each is allowed to whoever may call the API route it shows or calls, so the roles are written
   * once, above. Sign-in and sign-out are open.
   */
  static final List<Rule> CONSOLE_RULES =
      List.of(
          console(HttpMethod.GET, "/console", HttpMethod.GET, "/v1/purges"),
          console(HttpMethod.GET, "/console/purges", HttpMethod.GET, "/v1/purges"),
          console(HttpMethod.GET, "/console/purges/new", HttpMethod.POST, "/v1/purges"),
          console(HttpMethod.POST, "/console/purges", HttpMethod.POST, "/v1/purges"),
          console(HttpMethod.GET, "/console/purges/{purgeId}", HttpMethod.GET, PURGE),
          console(
              HttpMethod.GET,
              "/console/purges/{purgeId}/progress",
              HttpMethod.GET,
              PURGE + "/progress"),
          console(
              HttpMethod.GET,
              "/console/purges/{purgeId}/certificate",
              HttpMethod.GET,
              PURGE + "/receipt"),
          console(
              HttpMethod.GET,
              "/console/purges/{purgeId}/receipt.json",
              HttpMethod.GET,
              PURGE + "/receipt"),
          action("approve"),
          action("reject"),
          action("cancel"),
          action("retry"),
          action("extend"),
          console(HttpMethod.GET, "/console/kill-switches", HttpMethod.GET, "/v1/kill-switches"),
          console(HttpMethod.POST, "/console/kill-switches", HttpMethod.PUT, "/v1/kill-switches"),
          console(HttpMethod.GET, "/console/events", HttpMethod.GET, "/v1/events"),
          // The tenant page shows its hold, quotas and lock: whoever may read one of them.
          rule(
              HttpMethod.GET,
              "/console/tenants/{tenantId}",
              anyOf(
                  apiRule(HttpMethod.GET, TENANT + "/legal-hold"),
                  apiRule(HttpMethod.GET, TENANT + "/quotas"),
                  apiRule(HttpMethod.POST, TENANT + "/reopen"))),
          console(
              HttpMethod.POST,
              "/console/tenants/{tenantId}/legal-hold",
              HttpMethod.PUT,
              TENANT + "/legal-hold"),
          console(
              HttpMethod.POST,
              "/console/tenants/{tenantId}/legal-hold/lift",
              HttpMethod.DELETE,
              TENANT + "/legal-hold"),
          console(
              HttpMethod.POST,
              "/console/tenants/{tenantId}/reopen",
              HttpMethod.POST,
              TENANT + "/reopen"),
          rule(HttpMethod.GET, "/console/assets/**", Access.open()),
          rule(HttpMethod.GET, "/oauth2/authorization/**", Access.open()),
          rule(HttpMethod.GET, "/login/oauth2/code/**", Access.open()),
          rule(HttpMethod.POST, "/console/logout", Access.open()));

  private RouteRules() {}

  private static Rule rule(HttpMethod method, String pattern, Access access) {
    return new Rule(
        method,
        pattern,
        access,
        PathPatternRequestMatcher.withDefaults().matcher(method, pattern),
        PathPatternRequestMatcher.withDefaults().matcher(pattern));
  }

  private static Rule console(
      HttpMethod method, String pattern, HttpMethod apiMethod, String apiPattern) {
    return rule(method, pattern, apiRule(apiMethod, apiPattern).access());
  }

  /**
   * The roles of several API rules together, for a console page that shows what each of them reads;
   * a tenant's own token reads its data on the API, not in the console.
   */
  static Access anyOf(Rule... apiRules) {
    return new Access(
        java.util.stream.Stream.of(apiRules)
            .flatMap(r -> r.access().anyOf().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet()),
        false,
        false);
  }

  private static Rule action(String action) {
    String path = "/purges/{purgeId}/" + action;
    return console(HttpMethod.POST, "/console" + path, HttpMethod.POST, "/v1" + path);
  }

  /** The API's rule for exactly this method and pattern (a console rule names one). */
  static Rule apiRule(HttpMethod method, String pattern) {
    return RULES.stream()
        .filter(r -> method.equals(r.method()) && r.pattern().equals(pattern))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no API rule " + method + " " + pattern));
  }

  /** The console's rule for exactly this method and pattern. */
  static Rule consoleRule(HttpMethod method, String pattern) {
    return CONSOLE_RULES.stream()
        .filter(r -> method.equals(r.method()) && r.pattern().equals(pattern))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no console rule " + method + " " + pattern));
  }

  /** The rule deciding this request, if any. */
  static Optional<Rule> ruleFor(HttpServletRequest request) {
    return java.util.stream.Stream.concat(CONSOLE_RULES.stream(), RULES.stream())
        .filter(r -> r.matcher().matches(request))
        .findFirst();
  }

  /** The methods the rules allow on this request's path, whatever its own method. */
  static Set<HttpMethod> methodsFor(HttpServletRequest request) {
    Set<HttpMethod> methods = new LinkedHashSet<>();
    for (Rule r : RULES) {
      if (r.method() != null && r.path().matches(request)) {
        methods.add(r.method());
      }
    }
    return methods;
  }
}
