package dev.warden.engines.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment outside {@code local} must not run on: the devstack's keys and passwords,
 * purges without approval, the local authorization server, and plaintext to a remote Temporal or
 * OpenSearch (unless {@code WARDEN_ALLOW_PLAINTEXT=true}). Each finding is one line naming the
 * variable to set.
 */
public final class DevelopmentDefaults {
  static final String LOCAL_ACCESS_KEY = "warden";
  static final String LOCAL_SECRET_KEY = "warden-secret";
  static final String LOCAL_DB_PASSWORD = "postgres";

  /** How every secret of docker/env.example starts: a copy nobody edited. */
  static final String EXAMPLE_PREFIX = "change-me";

  private DevelopmentDefaults() {}

  /** Every offending setting, one line each, in a fixed order; empty when the start may go on. */
  public static List<String> offences(DeploymentSettings s) {
    List<String> lines = new ArrayList<>();
    if (!s.envExplicit()) {
      List<String> remote = remoteEndpoints(s);
      if (!remote.isEmpty()) {
        lines.add(
            "WARDEN_ENV: unset (means local) while endpoints are not on this machine: "
                + String.join(", ", remote));
      }
      return lines;
    }
    if ("local".equals(s.env())) {
      return lines;
    }
    if (LOCAL_ACCESS_KEY.equals(s.s3AccessKey()) || LOCAL_SECRET_KEY.equals(s.s3SecretKey())) {
      lines.add(
          "WARDEN_S3_ACCESS_KEY / WARDEN_S3_SECRET_KEY: the local S3 keys (warden / warden-secret)");
    }
    if (LOCAL_DB_PASSWORD.equals(s.dbPassword())) {
      lines.add("WARDEN_DB_PASSWORD: the local password 'postgres'");
    }
    if (LOCAL_DB_PASSWORD.equals(s.dbMigrationPassword())) {
      lines.add("WARDEN_DB_MIGRATION_PASSWORD: the local password 'postgres'");
    }
    for (String[] secret :
        new String[][] {
          {"WARDEN_S3_SECRET_KEY", s.s3SecretKey()},
          {"WARDEN_DB_PASSWORD", s.dbPassword()},
          {"WARDEN_DB_MIGRATION_PASSWORD", s.dbMigrationPassword()},
          {"WARDEN_OPENSEARCH_PASSWORD", s.openSearchPassword()}
        }) {
      if (secret[1] != null && secret[1].startsWith(EXAMPLE_PREFIX)) {
        lines.add(secret[0] + ": still the example's '" + EXAMPLE_PREFIX + "…' value");
      }
    }
    if ("0".equals(s.approvals())) {
      lines.add("WARDEN_PURGE_APPROVALS: 0 (purges would start without a second person)");
    }
    if (s.authIssuer() != null && isLocalAuthServer(s.authIssuer())) {
      lines.add(
          "WARDEN_AUTH_ISSUER_URI: "
              + s.authIssuer()
              + " is the local authorization server (tokens anyone on the machine can mint)");
    }
    if (s.codecForLocalUi()) {
      lines.add(
          "WARDEN_TEMPORAL_CODEC_LOCAL_UI: true (the codec would decode payloads for loopback"
              + " callers without a token; only the local dev server's Web UI needs that)");
    }
    if (!s.allowPlaintext()) {
      for (String plaintext : plaintextRemotes(s)) {
        lines.add(plaintext + " (or WARDEN_ALLOW_PLAINTEXT=true)");
      }
    }
    return lines;
  }

  /** The plaintext connections to other machines; warned about when allowed. */
  public static List<String> plaintextRemotes(DeploymentSettings s) {
    List<String> lines = new ArrayList<>();
    if (s.temporalTarget() != null
        && !s.temporalTls()
        && !Endpoints.isLoopback(Endpoints.targetHost(s.temporalTarget()))) {
      lines.add(
          "WARDEN_TEMPORAL_TARGET: plaintext gRPC to "
              + s.temporalTarget()
              + " (set WARDEN_TEMPORAL_TLS=true, a client certificate or an API key)");
    }
    if (s.openSearchUrl() != null
        && s.openSearchUrl().startsWith("http://")
        && !isLoopbackUrl(s.openSearchUrl())) {
      lines.add(
          "WARDEN_OPENSEARCH_URL: plaintext HTTP to "
              + s.openSearchUrl()
              + " (use an https:// URL)");
    }
    return lines;
  }

  private static List<String> remoteEndpoints(DeploymentSettings s) {
    List<String> remote = new ArrayList<>();
    if (s.temporalTarget() != null
        && !Endpoints.isLoopback(Endpoints.targetHost(s.temporalTarget()))) {
      remote.add("WARDEN_TEMPORAL_TARGET");
    }
    if (s.openSearchUrl() != null && !isLoopbackUrl(s.openSearchUrl())) {
      remote.add("WARDEN_OPENSEARCH_URL");
    }
    // No endpoint at all is AWS's own S3.
    if (s.s3Endpoint() == null || !isLoopbackUrl(s.s3Endpoint())) {
      remote.add("WARDEN_S3_ENDPOINT");
    }
    if (s.dbUrl() != null
        && !Endpoints.jdbcHosts(s.dbUrl()).stream().allMatch(Endpoints::isLoopback)) {
      remote.add("WARDEN_DB_URL");
    }
    if (s.authIssuer() != null && !isLoopbackUrl(s.authIssuer())) {
      remote.add("WARDEN_AUTH_ISSUER_URI");
    }
    return remote;
  }

  /** The devstack's authorization server: an issuer at the root of a loopback address. */
  private static boolean isLocalAuthServer(String issuer) {
    String path = java.net.URI.create(issuer.trim()).getPath();
    return isLoopbackUrl(issuer) && (path == null || path.isEmpty() || path.equals("/"));
  }

  private static boolean isLoopbackUrl(String url) {
    String host = Endpoints.urlHost(url);
    return host != null && Endpoints.isLoopback(host);
  }
}
