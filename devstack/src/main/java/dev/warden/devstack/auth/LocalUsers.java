package dev.warden.devstack.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local authorization server's people, for the console's sign-in (authorization code + PKCE):
 * one per Warden role, a second compliance and a second operator person (two-person approval, two
 * operators), and a tenant user who must be turned away. Locally the user name is the role and the
 * password is {@code {user}-password}: they protect nothing but a developer's machine.
 */
public final class LocalUsers {
  private LocalUsers() {}

  /** The console's client: public (no secret), authorization code with PKCE. */
  public static final String CONSOLE_CLIENT = "warden-console";

  /** The console's redirect; any port is accepted on 127.0.0.1 (a loopback redirect URI). */
  public static final String CONSOLE_REDIRECT = "http://127.0.0.1:8081/login/oauth2/code/warden";

  /**
   * The claim a person's token carries as {@code true} (never a client-credentials token): what the
   * API's {@code WARDEN_AUTH_PERSON_CLAIM} names by default.
   */
  public static final String PERSON_CLAIM = "warden_person";

  /** The tenant the local tenant user's tokens are bound to. */
  public static final String TENANT_OF_TENANT_USER = "demo-tenant";

  /** User name to the roles of their tokens, in a stable order. */
  public static final Map<String, List<String>> ROLES = roles();

  private static Map<String, List<String>> roles() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    roles.put("compliance", List.of("compliance"));
    roles.put("compliance-2", List.of("compliance"));
    roles.put("legal", List.of("legal"));
    roles.put("operator", List.of("operator"));
    roles.put("operator-2", List.of("operator"));
    roles.put("auditor", List.of("auditor"));
    roles.put("tenant", List.of("tenant"));
    return Collections.unmodifiableMap(roles);
  }

  public static String passwordOf(String user) {
    return user + "-password";
  }
}
