package dev.warden.api.security;

import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.auth.LocalTokens;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestTemplate;

/**
 * Real tokens from the devstack's authorization server for API tests, and an interceptor that gives
 * a request without an {@code Authorization} header the token of the caller the route is meant for:
 * the tenant itself on data routes, legal on holds, operators on switches, quotas and retries,
 * compliance on purges and events. Tests about identity set the header themselves.
 */
public final class TestTokens {

  private static final Pattern TENANT_ROUTE = Pattern.compile("^/v1/tenants/([^/]+)/([^/?]+).*");
  private static LocalTokens tokens;

  private TestTokens() {}

  public static synchronized LocalTokens tokens() {
    if (tokens == null) {
      String issuer = DevStackExtension.endpoints().authIssuerUri();
      if (issuer == null) {
        throw new IllegalStateException("the devstack runs no authorization server");
      }
      tokens = new LocalTokens(issuer);
    }
    return tokens;
  }

  private static final java.util.Map<String, String> PEOPLE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A person's token ({@code warden_person}): {@code user} of the local authorization server
   * (compliance, compliance-2, …) signed in by code + PKCE, as the console signs people in.
   */
  public static String person(String user) {
    String issuer = DevStackExtension.endpoints().authIssuerUri();
    return PEOPLE.computeIfAbsent(
        user, u -> new dev.warden.devstack.auth.LocalPersonTokens(issuer).token(u));
  }

  /** A token of a role as {@code ./warden token} names it (compliance-2, operator-2 too). */
  public static String role(String role) {
    return tokens().forRole(role);
  }

  public static String tenant(String tenantId) {
    return tokens().forTenant(tenantId);
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The token of the caller a route is meant for (see the class comment). */
  public static String forRoute(HttpMethod method, String path) {
    Matcher tenant = TENANT_ROUTE.matcher(path);
    if (tenant.matches()) {
      return switch (tenant.group(2)) {
        case "legal-hold" -> role("legal");
        case "quotas", "reopen" -> role("operator");
        default -> tenant(tenant.group(1));
      };
    }
    if (path.startsWith("/v1/purges")) {
      return path.endsWith("/retry") ? role("operator") : role("compliance");
    }
    if (path.startsWith("/v1/events")) {
      return role("compliance");
    }
    return role("operator");
  }

  /** Makes {@code rest} send {@link #forRoute}'s token when a request carries none (once). */
  public static void addTo(RestTemplate rest) {
    if (!rest.getInterceptors().contains(INTERCEPTOR)) {
      rest.getInterceptors().add(INTERCEPTOR);
    }
  }

  private static final ClientHttpRequestInterceptor INTERCEPTOR =
      (request, body, execution) -> {
        if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
          request
              .getHeaders()
              .setBearerAuth(forRoute(request.getMethod(), request.getURI().getRawPath()));
        }
        return execution.execute(request, body);
      };
}
