package dev.warden.engines.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the {@code WARDEN_TEMPORAL_*} connection variables to the temporal-spring-boot-starter's own
 * {@code spring.temporal.connection.*} properties, each only when set: the starter takes an empty
 * certificate path for a file to load, so empty defaults in YAML would break a plaintext start.
 * Lowest precedence: a {@code spring.temporal.connection.*} property given directly wins.
 */
public final class TemporalConnectionVariables implements EnvironmentPostProcessor {
  static final String PREFIX = "spring.temporal.connection.";

  /** Variable → starter property. */
  static final Map<String, String> VARIABLES =
      Map.of(
          "WARDEN_TEMPORAL_TLS", "enable-https",
          "WARDEN_TEMPORAL_API_KEY", "api-key",
          "WARDEN_TEMPORAL_CLIENT_CERT", "mtls.cert-chain-file",
          "WARDEN_TEMPORAL_CLIENT_KEY", "mtls.key-file",
          "WARDEN_TEMPORAL_SERVER_NAME", "mtls.server-name");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    Map<String, Object> mapped = new LinkedHashMap<>();
    VARIABLES.forEach(
        (variable, property) -> {
          String value = environment.getProperty(variable);
          if (value != null && !value.isBlank()) {
            mapped.put(PREFIX + property, value.trim());
          }
        });
    if (!mapped.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("wardenTemporal", mapped));
    }
  }
}
