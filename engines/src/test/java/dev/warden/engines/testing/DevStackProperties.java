package dev.warden.engines.testing;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a Spring Boot test at the shared devstack, as WARDEN_* variables do in production. */
public final class DevStackProperties {

  /**
   * Prefix of this test JVM's rate-limit keys, so runs sharing the machine's Redis never share a
   * bucket; every API instance of the JVM (second replicas included) uses it.
   */
  public static final String RATE_LIMIT_KEY_PREFIX =
      "warden-test:" + java.util.UUID.randomUUID() + ":";

  /** Test defaults high enough that no test trips them; rate-limit tests set tenant overrides. */
  public static final String RATE_LIMIT_TEST_DEFAULT = "1000000/1m";

  private DevStackProperties() {}

  /** Registers every server endpoint; {@code env} is the deployment's environment. */
  public static void register(DynamicPropertyRegistry registry, String env) {
    registry.add("warden.env", () -> env);
    registry.add("warden.purge.page-size", () -> "100");
    // Tests' purges run at once whatever the env; approval tests ask for approvals themselves.
    registry.add("warden.purge.approvals", () -> "0");
    registry.add("warden.s3.endpoint", () -> endpoints().s3Endpoint());
    registry.add("warden.s3.access-key", () -> endpoints().s3AccessKey());
    registry.add("warden.s3.secret-key", () -> endpoints().s3SecretKey());
    registry.add("warden.s3.bucket", () -> endpoints().s3Bucket());
    registry.add("warden.open-search.url", () -> endpoints().openSearchUrl());
    registry.add("spring.datasource.url", () -> endpoints().jdbcUrl());
    // The split roles, as in production: the app logs in as a member of warden_app, Flyway runs
    // as the owner (docs/operations.md, "PostgreSQL roles").
    registry.add("spring.datasource.username", () -> endpoints().appDbUser());
    registry.add("spring.datasource.password", () -> endpoints().appDbPassword());
    registry.add("spring.flyway.user", () -> endpoints().dbUser());
    registry.add("spring.flyway.password", () -> endpoints().dbPassword());
    registry.add("spring.temporal.connection.target", () -> endpoints().temporalTarget());
    registry.add("warden.rate-limit.key-prefix", () -> RATE_LIMIT_KEY_PREFIX);
    // A starved CI machine (load far above its cores) answers slower than production's 200 ms;
    // the tests prove sharing and fallback, not the timeout itself.
    registry.add("warden.rate-limit.redis-timeout", () -> "1s");
    for (String routeClass : new String[] {"upload", "index", "search", "pack", "purge"}) {
      registry.add("warden.rate-limit." + routeClass, () -> RATE_LIMIT_TEST_DEFAULT);
    }
    // The devstack's authorization server (null when it runs none: only the API reads it).
    registry.add("warden.auth.issuer-uri", () -> endpoints().authIssuerUri());
  }

  private static DevStackEndpoints endpoints() {
    return DevStackExtension.endpoints();
  }
}
