package dev.warden.api.security;

import java.util.Set;

/** Warden's roles, as they appear in a token's roles claim. */
final class Roles {
  static final String COMPLIANCE = "compliance";
  static final String LEGAL = "legal";
  static final String OPERATOR = "operator";
  static final String AUDITOR = "auditor";
  static final String TENANT = "tenant";

  /**
   * Prometheus' scraper: {@code /actuator/prometheus} only. An operator may scrape too, but a
   * scraper's credentials should not be able to engage kill switches.
   */
  static final String METRICS = "metrics";

  /** Only these become authorities; anything else in the claim (Keycloak defaults…) is ignored. */
  static final Set<String> ALL = Set.of(COMPLIANCE, LEGAL, OPERATOR, AUDITOR, TENANT, METRICS);

  private Roles() {}

  static String authority(String role) {
    return "ROLE_" + role;
  }
}
