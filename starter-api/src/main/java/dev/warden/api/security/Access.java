package dev.warden.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call a route: some roles, and/or the tenant named in the path with a token bound to that
 * same tenant. A refusal notes its reason on the request (for the 403 answer and the metric).
 *
 * @param anyOf roles that may call the route for any tenant
 * @param ownTenant whether a {@code tenant} token may call it for its own tenant ({@code
 *     {tenantId}} in the path)
 * @param anyone anyone may call it, even without a token
 */
record Access(Set<String> anyOf, boolean ownTenant, boolean anyone)
    implements AuthorizationManager<RequestAuthorizationContext> {

  static final String REFUSAL_ATTRIBUTE = Access.class.getName() + ".refusal";
  static final String REASON_ROLE = "role";
  static final String REASON_TENANT = "tenant";

  static Access roles(String... roles) {
    return new Access(Set.of(roles), false, false);
  }

  static Access tenantSelf(String... roles) {
    return new Access(Set.of(roles), true, false);
  }

  static Access open() {
    return new Access(Set.of(), false, true);
  }

  /** Which callers, for the docs and the route-rule tests: role names, "tenant (own)", "anyone". */
  List<String> callers() {
    if (anyone) {
      return List.of("anyone");
    }
    var callers = new java.util.ArrayList<>(anyOf.stream().sorted().toList());
    if (ownTenant) {
      callers.add("tenant (own)");
    }
    return callers;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    return decide(authentication, context);
  }

  /** Required by the interface until Spring Security 7; {@link #authorize} is what runs. */
  @Override
  @Deprecated
  public AuthorizationDecision check(
      Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    return decide(authentication, context);
  }

  private AuthorizationDecision decide(
      Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    if (anyone) {
      return new AuthorizationDecision(true);
    }
    if (!(authentication.get() instanceof WardenCaller caller) || !caller.isAuthenticated()) {
      return new AuthorizationDecision(false); // the entry point answers 401
    }
    Set<String> granted =
        Set.copyOf(caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    if (anyOf.stream().map(Roles::authority).anyMatch(granted::contains)) {
      return new AuthorizationDecision(true);
    }
    if (ownTenant && granted.contains(Roles.authority(Roles.TENANT))) {
      String pathTenant = context.getVariables().get("tenantId");
      if (pathTenant != null && pathTenant.equals(caller.tenantId())) {
        return new AuthorizationDecision(true);
      }
      return refuse(context.getRequest(), REASON_TENANT);
    }
    return refuse(context.getRequest(), REASON_ROLE);
  }

  private static AuthorizationDecision refuse(HttpServletRequest request, String reason) {
    request.setAttribute(REFUSAL_ATTRIBUTE, reason);
    return new AuthorizationDecision(false);
  }

  @Override
  public String toString() {
    return String.join(", ", callers());
  }
}
