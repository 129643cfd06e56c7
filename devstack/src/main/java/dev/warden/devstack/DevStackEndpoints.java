package dev.warden.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running servers answer, in the form Warden's apps read from WARDEN_* variables.
 *
 * @param authIssuerUri the local OAuth2 authorization server's issuer, or null when none runs
 * @param temporalUiUrl Temporal's Web UI, or null when none runs (Java test server)
 */
public record DevStackEndpoints(
    String temporalTarget,
    String s3Endpoint,
    String s3Region,
    String s3AccessKey,
    String s3SecretKey,
    String s3Bucket,
    String openSearchUrl,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String authIssuerUri,
    String temporalUiUrl,
    String appDbUser,
    String appDbPassword) {

  /** S3Proxy ignores the region, but AWS SDK clients need one for signing. */
  public static final String S3_REGION = "us-east-1";

  /**
   * The endpoints where the apps log in as the owner ({@code dbUser}, who runs the migrations and
   * whom test fixtures use) — an external database without a role split.
   */
  public DevStackEndpoints(
      String temporalTarget,
      String s3Endpoint,
      String s3Region,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      String openSearchUrl,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      String authIssuerUri,
      String temporalUiUrl) {
    this(
        temporalTarget,
        s3Endpoint,
        s3Region,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchUrl,
        jdbcUrl,
        dbUser,
        dbPassword,
        authIssuerUri,
        temporalUiUrl,
        dbUser,
        dbPassword);
  }

  /** The endpoints without an authorization server (the shape before it existed). */
  public DevStackEndpoints(
      String temporalTarget,
      String s3Endpoint,
      String s3Region,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      String openSearchUrl,
      String jdbcUrl,
      String dbUser,
      String dbPassword) {
    this(
        temporalTarget,
        s3Endpoint,
        s3Region,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchUrl,
        jdbcUrl,
        dbUser,
        dbPassword,
        null);
  }

  /** The endpoints without a Temporal Web UI (the shape before the dev server). */
  public DevStackEndpoints(
      String temporalTarget,
      String s3Endpoint,
      String s3Region,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      String openSearchUrl,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      String authIssuerUri) {
    this(
        temporalTarget,
        s3Endpoint,
        s3Region,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchUrl,
        jdbcUrl,
        dbUser,
        dbPassword,
        authIssuerUri,
        null);
  }

  /** The WARDEN_* variables that point Warden's apps at these servers, in a stable order. */
  public Map<String, String> asEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WARDEN_TEMPORAL_TARGET", temporalTarget);
    env.put("WARDEN_S3_ENDPOINT", s3Endpoint);
    env.put("WARDEN_S3_REGION", s3Region);
    env.put("WARDEN_S3_ACCESS_KEY", s3AccessKey);
    env.put("WARDEN_S3_SECRET_KEY", s3SecretKey);
    env.put("WARDEN_S3_BUCKET", s3Bucket);
    env.put("WARDEN_OPENSEARCH_URL", openSearchUrl);
    env.put("WARDEN_DB_URL", jdbcUrl);
    env.put("WARDEN_DB_USER", appDbUser);
    env.put("WARDEN_DB_PASSWORD", appDbPassword);
    if (!java.util.Objects.equals(appDbUser, dbUser)) {
      // The split roles (docs/operations.md, "PostgreSQL roles"): Flyway runs as the owner.
      env.put("WARDEN_DB_MIGRATION_USER", dbUser);
      env.put("WARDEN_DB_MIGRATION_PASSWORD", dbPassword);
    }
    if (authIssuerUri != null) {
      env.put("WARDEN_AUTH_ISSUER_URI", authIssuerUri);
    }
    if (temporalUiUrl != null) {
      env.put("WARDEN_TEMPORAL_UI_URL", temporalUiUrl);
    }
    return env;
  }

  /**
   * The inverse of {@link #asEnv()}: endpoints of a stack started by someone else (e.g. one
   * devstack process for a whole multi-module test run). Missing variables fall back to the
   * local-run defaults of {@link DevStackConfig#fromEnv()}.
   */
  public static DevStackEndpoints fromEnv(Map<String, String> env) {
    return new DevStackEndpoints(
        get(env, "WARDEN_TEMPORAL_TARGET", "127.0.0.1:7233"),
        get(env, "WARDEN_S3_ENDPOINT", "http://127.0.0.1:9000"),
        get(env, "WARDEN_S3_REGION", S3_REGION),
        get(env, "WARDEN_S3_ACCESS_KEY", DevStackConfig.DEFAULT_ACCESS_KEY),
        get(env, "WARDEN_S3_SECRET_KEY", DevStackConfig.DEFAULT_SECRET_KEY),
        get(env, "WARDEN_S3_BUCKET", DevStackConfig.DEFAULT_BUCKET),
        get(env, "WARDEN_OPENSEARCH_URL", "http://127.0.0.1:9200"),
        get(env, "WARDEN_DB_URL", PostgresServer.jdbcUrl(54329)),
        get(env, "WARDEN_DB_MIGRATION_USER", get(env, "WARDEN_DB_USER", PostgresServer.USER)),
        get(
            env,
            "WARDEN_DB_MIGRATION_PASSWORD",
            get(env, "WARDEN_DB_PASSWORD", PostgresServer.PASSWORD)),
        get(env, "WARDEN_AUTH_ISSUER_URI", null),
        get(env, "WARDEN_TEMPORAL_UI_URL", null),
        get(env, "WARDEN_DB_USER", PostgresServer.USER),
        get(env, "WARDEN_DB_PASSWORD", PostgresServer.PASSWORD));
  }

  private static String get(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
