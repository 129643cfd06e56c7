package dev.warden.devstack.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts into each access token what the API reads: {@code aud=warden-api}, the client's {@code
 * roles}, {@code client_id} (marks a client-credentials token, so the actor is {@code client:{id}};
 * such a token never carries the person claim), and for the tenant client the {@code tenant_id}
 * asked for in the token request.
 */
final class WardenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  /** Client setting holding the roles (a {@code List<String>}). */
  static final String ROLES = "warden.roles";

  // TenantId's rule in engines (the devstack cannot depend on engines).
  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  @Override
  public void customize(JwtEncodingContext context) {
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return;
    }
    RegisteredClient client = context.getRegisteredClient();
    var claims = context.getClaims();
    claims.audience(List.of(LocalClients.AUDIENCE));
    if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
      person(context);
      return;
    }
    List<String> roles = client.getClientSettings().getSetting(ROLES);
    claims.claim("roles", roles);
    claims.claim("client_id", client.getClientId());
    Object tenant = requestedTenant(context);
    if (roles.contains("tenant")) {
      if (!(tenant instanceof String id) || !TENANT.matcher(id).matches()) {
        throw invalidRequest("the tenant client needs tenant_id=<tenant id> in the token request");
      }
      claims.claim(LocalClients.TENANT_PARAMETER, id);
    } else if (tenant != null) {
      throw invalidRequest("only the tenant client takes tenant_id");
    }
    if (LocalClients.EXPIRED.equals(client.getClientId())) {
      Instant past = Instant.now().minus(Duration.ofMinutes(10));
      claims.issuedAt(past).notBefore(past).expiresAt(past.plus(Duration.ofMinutes(5)));
    }
  }

  /**
   * A signed-in person: {@code sub} is the user name (the actor becomes {@code user:{name}}), the
   * roles are theirs, {@link LocalUsers#PERSON_CLAIM} is true (only a person may approve a purge),
   * no {@code client_id}; the tenant user's token is bound to its tenant.
   */
  private static void person(JwtEncodingContext context) {
    String user = context.getPrincipal().getName();
    List<String> roles = LocalUsers.ROLES.getOrDefault(user, List.of());
    context.getClaims().subject(user).claim("roles", roles).claim(LocalUsers.PERSON_CLAIM, true);
    if (roles.contains("tenant")) {
      context.getClaims().claim(LocalClients.TENANT_PARAMETER, LocalUsers.TENANT_OF_TENANT_USER);
    }
  }

  private static Object requestedTenant(JwtEncodingContext context) {
    if (context.getAuthorizationGrant()
        instanceof OAuth2ClientCredentialsAuthenticationToken grant) {
      return grant.getAdditionalParameters().get(LocalClients.TENANT_PARAMETER);
    }
    return null;
  }

  private static OAuth2AuthenticationException invalidRequest(String description) {
    return new OAuth2AuthenticationException(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
  }
}
