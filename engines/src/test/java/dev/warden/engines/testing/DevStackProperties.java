package dev.warden.engines.testing;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a Spring Boot test at the shared devstack, as WARDEN_* variables do in production. */
public final class DevStackProperties {
  private DevStackProperties() {}

  /** Registers every server endpoint; {@code env} is the deployment's environment. */
  public static void register(DynamicPropertyRegistry registry, String env) {
    registry.add("warden.env", () -> env);
    registry.add("warden.purge.page-size", () -> "100");
    registry.add("warden.s3.endpoint", () -> endpoints().s3Endpoint());
    registry.add("warden.s3.access-key", () -> endpoints().s3AccessKey());
    registry.add("warden.s3.secret-key", () -> endpoints().s3SecretKey());
    registry.add("warden.s3.bucket", () -> endpoints().s3Bucket());
    registry.add("warden.open-search.url", () -> endpoints().openSearchUrl());
    registry.add("spring.datasource.url", () -> endpoints().jdbcUrl());
    registry.add("spring.datasource.username", () -> endpoints().dbUser());
    registry.add("spring.datasource.password", () -> endpoints().dbPassword());
    registry.add("spring.temporal.connection.target", () -> endpoints().temporalTarget());
    // The devstack's authorization server (null when it runs none: only the API reads it).
    registry.add("warden.auth.issuer-uri", () -> endpoints().authIssuerUri());
  }

  private static DevStackEndpoints endpoints() {
    return DevStackExtension.endpoints();
  }
}
