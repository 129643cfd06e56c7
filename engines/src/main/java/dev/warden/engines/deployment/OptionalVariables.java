package dev.warden.engines.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the variables whose properties must stay absent when unset — not empty — each only when set:
 * the {@code WARDEN_TEMPORAL_*} connection variables to the temporal-spring-boot-starter's own
 * {@code spring.temporal.connection.*} (it takes an empty certificate path for a file to load), and
 * {@code WARDEN_DB_MIGRATION_USER}/{@code PASSWORD} to {@code spring.flyway.*} (an empty user would
 * still give Flyway a connection of its own). Lowest precedence: a property given directly wins.
 */
public final class OptionalVariables implements EnvironmentPostProcessor {
  static final String PREFIX = "spring.temporal.connection.";

  /** Variable → property. */
  static final Map<String, String> VARIABLES =
      Map.of(
          "WARDEN_TEMPORAL_TLS", PREFIX + "enable-https",
          "WARDEN_TEMPORAL_API_KEY", PREFIX + "api-key",
          "WARDEN_TEMPORAL_CLIENT_CERT", PREFIX + "mtls.cert-chain-file",
          "WARDEN_TEMPORAL_CLIENT_KEY", PREFIX + "mtls.key-file",
          "WARDEN_TEMPORAL_SERVER_NAME", PREFIX + "mtls.server-name",
          "WARDEN_TEMPORAL_CA", "warden.temporal.ca-file",
          "WARDEN_DB_MIGRATION_USER", "spring.flyway.user",
          "WARDEN_DB_MIGRATION_PASSWORD", "spring.flyway.password");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    Map<String, Object> mapped = new LinkedHashMap<>();
    VARIABLES.forEach(
        (variable, property) -> {
          String value = environment.getProperty(variable);
          if (value != null && !value.isBlank()) {
            mapped.put(property, value.trim());
          }
        });
    if (!mapped.isEmpty()) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource("wardenOptionalVariables", mapped));
    }
  }
}
