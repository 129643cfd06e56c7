package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's Keycloak realm gives the API what it reads: every Warden role, a client per
 * role whose service account holds it, audience {@code warden-api}, a flat {@code roles} claim,
 * {@code client_id}, and a tenant client with a {@code tenant_id} claim.
 */
class KeycloakRealmTest {

  private static final Path REALM = Path.of("..", "docker", "keycloak", "warden-realm.json");
  private static final AuthProperties DEFAULTS =
      new AuthProperties("http://localhost:8180/realms/warden", null, null, null, null, null, null);

  private final JsonNode realm = read();

  @Test
  void givenTheRealmFile_whenParsed_thenItDefinesEveryWardenRole() {
    assertThat(names(realm.at("/roles/realm"), "name")).containsAll(Roles.ALL);
    assertThat(realm.get("realm").asText()).isEqualTo("warden");
  }

  @Test
  void givenEachRoleClient_whenParsed_thenItsTokensCarryTheAudienceRolesAndClientId() {
    for (String role : List.of("compliance", "legal", "operator", "auditor", "tenant")) {
      JsonNode client = client("warden-" + role);
      assertThat(client.get("serviceAccountsEnabled").asBoolean()).as(role).isTrue();
      assertThat(client.get("publicClient").asBoolean()).as(role).isFalse();
      assertThat(
              mapper(client, "oidc-audience-mapper")
                  .at("/config/included.custom.audience")
                  .asText())
          .isEqualTo(DEFAULTS.audience());
      assertThat(
              mapper(client, "oidc-usermodel-realm-role-mapper").at("/config/claim.name").asText())
          .isIn(DEFAULTS.rolesClaim());
      assertThat(
              mapper(client, "oidc-usersessionmodel-note-mapper").at("/config/claim.name").asText())
          .isEqualTo(WardenJwtAuthentication.CLIENT_ID_CLAIM);
      assertThat(serviceAccountRoles("warden-" + role)).as(role).containsExactly(role);
    }
    assertThat(serviceAccountRoles("warden-compliance-2")).containsExactly("compliance");
    assertThat(serviceAccountRoles("warden-prometheus")).containsExactly(Roles.METRICS);
  }

  @Test
  void givenTheTenantClient_whenParsed_thenItsTokensAreBoundToATenant() {
    JsonNode tenantId = mapper(client("warden-tenant"), "oidc-hardcoded-claim-mapper");

    assertThat(tenantId.at("/config/claim.name").asText()).isEqualTo(DEFAULTS.tenantClaim());
    assertThat(tenantId.at("/config/claim.value").asText()).matches("[a-z0-9][a-z0-9-]{1,62}");
  }

  @Test
  void givenTheConsoleClient_whenParsed_thenOnlyItsPeoplesTokensSayPerson() {
    JsonNode console = client("warden-console");
    assertThat(console.get("serviceAccountsEnabled").asBoolean()).isFalse();
    JsonNode person = mapper(console, "oidc-hardcoded-claim-mapper");
    assertThat(person.at("/config/claim.name").asText()).isEqualTo(DEFAULTS.personClaim());
    assertThat(person.at("/config/claim.value").asText()).isEqualTo("true");
    assertThat(person.at("/config/jsonType.label").asText()).isEqualTo("boolean");
    assertThat(person.at("/config/access.token.claim").asText()).isEqualTo("true");
    for (JsonNode client : realm.get("clients")) {
      if (client.path("serviceAccountsEnabled").asBoolean()) {
        assertThat(client.path("protocolMappers").toString())
            .as("a service's client never marks its tokens as a person's")
            .doesNotContain(DEFAULTS.personClaim());
      }
    }
  }

  private JsonNode client(String clientId) {
    return StreamSupport.stream(realm.get("clients").spliterator(), false)
        .filter(c -> clientId.equals(c.get("clientId").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no client " + clientId));
  }

  private static JsonNode mapper(JsonNode client, String type) {
    return StreamSupport.stream(client.get("protocolMappers").spliterator(), false)
        .filter(m -> type.equals(m.get("protocolMapper").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(client.get("clientId") + " has no " + type));
  }

  private Set<String> serviceAccountRoles(String clientId) {
    return StreamSupport.stream(realm.get("users").spliterator(), false)
        .filter(u -> clientId.equals(u.path("serviceAccountClientId").asText()))
        .findFirst()
        .map(u -> Set.copyOf(names(u.get("realmRoles"), null)))
        .orElseThrow(() -> new AssertionError("no service account for " + clientId));
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(field == null ? n.asText() : n.get(field).asText()));
    return names;
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Files.readString(REALM));
    } catch (java.io.IOException e) {
      throw new AssertionError("cannot read " + REALM.toAbsolutePath(), e);
    }
  }
}
