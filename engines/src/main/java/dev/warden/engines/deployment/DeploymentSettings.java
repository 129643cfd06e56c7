package dev.warden.engines.deployment;

import org.springframework.core.env.Environment;

/**
 * The settings the start-up check reads, as resolved by Spring (variables, files, arguments).
 *
 * @param envExplicit whether {@code WARDEN_ENV} (or {@code warden.env}) was set at all
 * @param temporalTls whether the Temporal connection uses TLS: {@code enable-https}, an API key
 *     (the starter turns TLS on with one unless told otherwise) or a client certificate
 * @param approvals {@code warden.purge.approvals} as given; null where the app has none (worker)
 * @param authIssuer the API's token issuer; null where the app has none (worker)
 */
public record DeploymentSettings(
    String env,
    boolean envExplicit,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String dbUrl,
    String dbPassword,
    String dbMigrationPassword,
    String openSearchPassword,
    String approvals,
    String authIssuer,
    String temporalTarget,
    boolean temporalTls,
    String openSearchUrl,
    boolean allowPlaintext,
    boolean codecForLocalUi) {

  private static final String TEMPORAL = "spring.temporal.connection.";

  public static DeploymentSettings of(Environment e) {
    String env = e.getProperty("warden.env", "local");
    boolean explicit = e.getProperty("WARDEN_ENV") != null || !"local".equals(env);
    return new DeploymentSettings(
        env,
        explicit,
        blankToNull(e.getProperty("warden.s3.endpoint")),
        blankToNull(e.getProperty("warden.s3.access-key")),
        blankToNull(e.getProperty("warden.s3.secret-key")),
        blankToNull(e.getProperty("spring.datasource.url")),
        e.getProperty("spring.datasource.password"),
        e.getProperty("spring.flyway.password"),
        blankToNull(e.getProperty("warden.open-search.password")),
        blankToNull(e.getProperty("warden.purge.approvals")),
        blankToNull(e.getProperty("warden.auth.issuer-uri")),
        blankToNull(e.getProperty(TEMPORAL + "target")),
        temporalTls(e),
        blankToNull(e.getProperty("warden.open-search.url")),
        e.getProperty("warden.allow-plaintext", Boolean.class, false),
        e.getProperty("warden.temporal.codec.local-ui", Boolean.class, false));
  }

  private static boolean temporalTls(Environment e) {
    String https = blankToNull(e.getProperty(TEMPORAL + "enable-https"));
    if (https != null) {
      return Boolean.parseBoolean(https);
    }
    for (String mtls : new String[] {"key-file", "cert-chain-file", "key", "cert-chain"}) {
      if (blankToNull(e.getProperty(TEMPORAL + "mtls." + mtls)) != null) {
        return true;
      }
    }
    return blankToNull(e.getProperty(TEMPORAL + "api-key")) != null
        || blankToNull(e.getProperty("warden.temporal.ca-file")) != null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
