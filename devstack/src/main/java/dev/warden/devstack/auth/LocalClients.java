package dev.warden.devstack.auth;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local authorization server's clients: one client-credentials client per Warden role (and a
 * second compliance client, for a second person). Spring-free, so scripts, tests and docs can name
 * them without the server on the classpath. Local secrets follow one rule: {@code
 * {clientId}-secret}; they protect nothing but a developer's machine.
 */
public final class LocalClients {
  private LocalClients() {}

  /** The audience every local token carries; the API checks it. */
  public static final String AUDIENCE = "warden-api";

  /** Token-request parameter (and claim) binding a tenant token to one tenant. */
  public static final String TENANT_PARAMETER = "tenant_id";

  /** Issues tokens that have already expired (for tests of the API's expiry check). */
  public static final String EXPIRED = "warden-expired";

  /** A valid token with no Warden role (for tests of the deny-by-default rule). */
  public static final String NO_ROLE = "warden-none";

  /** How long a local token lives (an hour: long enough for a developer's curl session). */
  public static final Duration TOKEN_TTL = Duration.ofHours(1);

  /** Client id to the roles its tokens carry, in a stable order. */
  public static final Map<String, List<String>> ROLES = roles();

  private static Map<String, List<String>> roles() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    roles.put("warden-compliance", List.of("compliance"));
    roles.put("warden-compliance-2", List.of("compliance"));
    roles.put("warden-legal", List.of("legal"));
    roles.put("warden-operator", List.of("operator"));
    roles.put("warden-operator-2", List.of("operator"));
    roles.put("warden-auditor", List.of("auditor"));
    roles.put("warden-tenant", List.of("tenant"));
    roles.put(EXPIRED, List.of("operator"));
    roles.put(NO_ROLE, List.of());
    return Collections.unmodifiableMap(roles);
  }

  /** The client for a role name as {@code ./warden token} takes it: {@code compliance-2} too. */
  public static String clientFor(String role) {
    String clientId = "warden-" + role;
    if (!ROLES.containsKey(clientId)) {
      throw new IllegalArgumentException(
          "no local client for role '" + role + "'; known: " + ROLES.keySet());
    }
    return clientId;
  }

  public static String secretOf(String clientId) {
    return clientId + "-secret";
  }
}
