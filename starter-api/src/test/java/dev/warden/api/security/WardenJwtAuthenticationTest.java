package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class WardenJwtAuthenticationTest {

  private static final AuthProperties AUTH =
      new AuthProperties("https://id.example/realms/warden", null, null, null, null, null, null);
  private final WardenJwtAuthentication converter =
      new WardenJwtAuthentication(AUTH.rolesClaim(), AUTH.tenantClaim());

  @Test
  void givenTheDefaults_whenRead_thenBothRoleClaimsTheWardenAudienceAnd30sSkew() {
    assertThat(AUTH.rolesClaim()).containsExactly("roles", "realm_access.roles");
    assertThat(AUTH.audience()).isEqualTo("warden-api");
    assertThat(AUTH.tenantClaim()).isEqualTo("tenant_id");
    assertThat(AUTH.clockSkew()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenAFlatRolesClaim_whenConverted_thenWardenRolesBecomeAuthoritiesAndOthersAreIgnored() {
    Jwt jwt = jwt(Map.of("sub", "u-1", "roles", List.of("operator", "uma_authorization")));

    assertThat(authorities(jwt)).containsExactly("ROLE_operator");
  }

  @Test
  void givenKeycloaksRealmAccessRoles_whenConverted_thenTheyCountToo() {
    Jwt jwt =
        jwt(
            Map.of(
                "sub",
                "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "realm_access",
                Map.of("roles", List.of("legal", "offline_access"))));

    assertThat(authorities(jwt)).containsExactly("ROLE_legal");
    assertThat(converter.convert(jwt).getName())
        .isEqualTo("user:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
  }

  @Test
  void givenAClientCredentialsToken_whenConverted_thenTheActorIsTheClientNeverAName() {
    Jwt jwt =
        jwt(
            Map.of(
                "sub", "service-account-uuid",
                "client_id", "warden-compliance",
                "email", "dpo@example.com",
                "preferred_username", "Dana P. Officer",
                "roles", List.of("compliance")));

    assertThat(converter.convert(jwt).getName()).isEqualTo("client:warden-compliance");
  }

  @Test
  void givenTokensWithAndWithoutThePersonClaim_whenConverted_thenOnlyAPersonsTokenIsAPerson() {
    assertThat(AUTH.personClaim()).isEqualTo("warden_person");
    Jwt person = jwt(Map.of("sub", "compliance-2", "warden_person", true));
    Jwt personAsText = jwt(Map.of("sub", "compliance-2", "warden_person", "true"));
    Jwt unmarked = jwt(Map.of("sub", "compliance-2", "roles", List.of("compliance")));
    // A mapper that also marks a service's token never makes the service a person.
    Jwt service =
        jwt(Map.of("sub", "sa", "client_id", "warden-compliance-2", "warden_person", true));
    Jwt falsy = jwt(Map.of("sub", "compliance-2", "warden_person", false));

    assertThat(person(person)).isTrue();
    assertThat(person(personAsText)).isTrue();
    assertThat(person(unmarked)).isFalse();
    assertThat(person(service)).isFalse();
    assertThat(person(falsy)).isFalse();
  }

  private boolean person(Jwt jwt) {
    return ((WardenAuthentication) converter.convert(jwt)).person();
  }

  @Test
  void givenATenantToken_whenConverted_thenItKnowsItsTenant() {
    Jwt jwt = jwt(Map.of("sub", "t", "roles", List.of("tenant"), "tenant_id", "acme"));

    assertThat(((WardenAuthentication) converter.convert(jwt)).tenantId()).isEqualTo("acme");
  }

  @Test
  void givenACustomRolesClaim_whenConfigured_thenOnlyItCounts() {
    WardenJwtAuthentication custom = new WardenJwtAuthentication(List.of("groups"), "tenant_id");
    Jwt jwt = jwt(Map.of("sub", "u", "groups", List.of("auditor"), "roles", List.of("operator")));

    assertThat(custom.convert(jwt).getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_auditor");
  }

  private List<String> authorities(Jwt jwt) {
    return converter.convert(jwt).getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .toList();
  }

  static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(300));
    claims.forEach(builder::claim);
    return builder.build();
  }
}
