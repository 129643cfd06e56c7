package dev.warden.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API trusts tokens (WARDEN_AUTH_* variables, see docs/operations.md).
 *
 * @param issuerUri expected {@code iss}; also where the JWK set is discovered when {@code
 *     jwkSetUri} is blank
 * @param jwkSetUri where the signing keys are fetched (e.g. a container-internal address of the
 *     identity provider whose public issuer differs)
 * @param audience an {@code aud} every token must contain
 * @param rolesClaim claims holding role names, dotted for nested ones; their union counts
 * @param tenantClaim the claim binding a tenant token to its tenant
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param personClaim the claim the identity provider sets to {@code true} in the tokens of people
 *     (never of a service's client-credentials token): only a person may be a purge's second
 *     approver
 */
@ConfigurationProperties("warden.auth")
record AuthProperties(
    String issuerUri,
    String jwkSetUri,
    String audience,
    List<String> rolesClaim,
    String tenantClaim,
    Duration clockSkew,
    String personClaim) {

  AuthProperties {
    issuerUri = blankToNull(issuerUri);
    jwkSetUri = blankToNull(jwkSetUri);
    if (issuerUri == null && jwkSetUri == null) {
      throw new IllegalStateException(
          "WARDEN_AUTH_ISSUER_URI or WARDEN_AUTH_JWK_SET_URI must be set: the API trusts no"
              + " token without an identity provider (./warden up runs a local one)");
    }
    audience = blankToNull(audience) == null ? "warden-api" : audience.trim();
    rolesClaim =
        rolesClaim == null || rolesClaim.isEmpty()
            ? List.of("roles", "realm_access.roles")
            : rolesClaim.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
    tenantClaim = blankToNull(tenantClaim) == null ? "tenant_id" : tenantClaim.trim();
    personClaim = blankToNull(personClaim) == null ? "warden_person" : personClaim.trim();
    clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalStateException(
          "WARDEN_AUTH_CLOCK_SKEW must be between 0 and 5 minutes, was " + clockSkew);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
