package dev.warden.engines.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DevelopmentDefaultsTest {

  /** A production deployment with nothing of the devstack's left. */
  private static MockEnvironment production() {
    return new MockEnvironment()
        .withProperty("WARDEN_ENV", "prod")
        .withProperty("warden.env", "prod")
        .withProperty("warden.s3.access-key", "AKIAEXAMPLE")
        .withProperty("warden.s3.secret-key", "s3cr3t")
        .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/warden")
        .withProperty("spring.datasource.password", "a-long-password")
        .withProperty("warden.purge.approvals", "1")
        .withProperty("warden.auth.issuer-uri", "https://login.example.com/realms/warden")
        .withProperty("spring.temporal.connection.target", "warden.a1b2c.tmprl.cloud:7233")
        .withProperty("spring.temporal.connection.api-key", "key")
        .withProperty("warden.open-search.url", "https://search.internal:9200");
  }

  private static java.util.List<String> offences(MockEnvironment e) {
    return DevelopmentDefaults.offences(DeploymentSettings.of(e));
  }

  @Test
  void givenAProductionConfiguration_whenChecked_thenNothingIsRefused() {
    assertThat(offences(production())).isEmpty();
  }

  @Test
  void givenEveryDevelopmentDefaultInProd_whenChecked_thenEachIsOneLine() {
    MockEnvironment e =
        production()
            .withProperty("warden.s3.access-key", "warden")
            .withProperty("warden.s3.secret-key", "warden-secret")
            .withProperty("spring.datasource.password", "postgres")
            .withProperty("warden.purge.approvals", "0")
            .withProperty("warden.auth.issuer-uri", "http://127.0.0.1:9099")
            .withProperty("spring.temporal.connection.target", "temporal.internal:7233")
            .withProperty("spring.temporal.connection.api-key", "")
            .withProperty("warden.open-search.url", "http://search.internal:9200");

    assertThat(offences(e))
        .containsExactly(
            "WARDEN_S3_ACCESS_KEY / WARDEN_S3_SECRET_KEY: the local S3 keys (warden / warden-secret)",
            "WARDEN_DB_PASSWORD: the local password 'postgres'",
            "WARDEN_PURGE_APPROVALS: 0 (purges would start without a second person)",
            "WARDEN_AUTH_ISSUER_URI: http://127.0.0.1:9099 is the local authorization server"
                + " (tokens anyone on the machine can mint)",
            "WARDEN_TEMPORAL_TARGET: plaintext gRPC to temporal.internal:7233 (set"
                + " WARDEN_TEMPORAL_TLS=true, a client certificate or an API key) (or"
                + " WARDEN_ALLOW_PLAINTEXT=true)",
            "WARDEN_OPENSEARCH_URL: plaintext HTTP to http://search.internal:9200 (use an https://"
                + " URL) (or WARDEN_ALLOW_PLAINTEXT=true)");
  }

  @Test
  void givenTheComposeExampleSecrets_whenChecked_thenEachIsRefused() {
    MockEnvironment e =
        production()
            .withProperty("warden.s3.secret-key", "change-me-warden-s3")
            .withProperty("spring.datasource.password", "change-me-warden")
            .withProperty("spring.flyway.password", "postgres")
            .withProperty("warden.open-search.password", "change-me-opensearch");

    assertThat(offences(e))
        .containsExactly(
            "WARDEN_DB_MIGRATION_PASSWORD: the local password 'postgres'",
            "WARDEN_S3_SECRET_KEY: still the example's 'change-me…' value",
            "WARDEN_DB_PASSWORD: still the example's 'change-me…' value",
            "WARDEN_OPENSEARCH_PASSWORD: still the example's 'change-me…' value");
  }

  @Test
  void givenTheLocalUiCodecOutsideLocal_whenChecked_thenItIsRefused_andInLocalAllowed() {
    assertThat(offences(production().withProperty("warden.temporal.codec.local-ui", "true")))
        .containsExactly(
            "WARDEN_TEMPORAL_CODEC_LOCAL_UI: true (the codec would decode payloads for loopback"
                + " callers without a token; only the local dev server's Web UI needs that)");
    MockEnvironment local =
        new MockEnvironment()
            .withProperty("WARDEN_ENV", "local")
            .withProperty("warden.env", "local")
            .withProperty("warden.temporal.codec.local-ui", "true");
    assertThat(offences(local)).isEmpty();
  }

  @Test
  void givenPlaintextAllowed_whenChecked_thenPlaintextIsNotRefusedButStillReported() {
    MockEnvironment e =
        production()
            .withProperty("spring.temporal.connection.api-key", "")
            .withProperty("spring.temporal.connection.target", "temporal.internal:7233")
            .withProperty("warden.allow-plaintext", "true");

    assertThat(offences(e)).isEmpty();
    assertThat(DevelopmentDefaults.plaintextRemotes(DeploymentSettings.of(e))).hasSize(1);
  }

  @Test
  void givenTlsByClientCertificateOrExplicitSwitch_whenChecked_thenTemporalIsNotPlaintext() {
    MockEnvironment cert =
        production()
            .withProperty("spring.temporal.connection.api-key", "")
            .withProperty("spring.temporal.connection.mtls.cert-chain-file", "/run/client.pem");
    MockEnvironment off =
        production().withProperty("spring.temporal.connection.enable-https", "false");

    assertThat(offences(cert)).isEmpty();
    assertThat(offences(off)).singleElement().asString().startsWith("WARDEN_TEMPORAL_TARGET");
  }

  @Test
  void givenAnIdentityProviderOnThisMachine_whenChecked_thenOnlyTheDevstacksServerIsRefused() {
    MockEnvironment keycloak =
        production().withProperty("warden.auth.issuer-uri", "http://localhost:8180/realms/warden");
    MockEnvironment devstack =
        production().withProperty("warden.auth.issuer-uri", "http://127.0.0.1:9099/");

    assertThat(offences(keycloak)).isEmpty();
    assertThat(offences(devstack)).singleElement().asString().startsWith("WARDEN_AUTH_ISSUER_URI");
  }

  @Test
  void givenPlaintextToLoopback_whenChecked_thenAllowed() {
    MockEnvironment e =
        production()
            .withProperty("spring.temporal.connection.api-key", "")
            .withProperty("spring.temporal.connection.target", "127.0.0.1:7233")
            .withProperty("warden.open-search.url", "http://localhost:9200");

    assertThat(offences(e)).isEmpty();
  }

  @Test
  void givenLocal_whenChecked_thenDevelopmentDefaultsAreFine() {
    MockEnvironment e =
        new MockEnvironment()
            .withProperty("WARDEN_ENV", "local")
            .withProperty("warden.env", "local")
            .withProperty("warden.s3.access-key", "warden")
            .withProperty("spring.datasource.password", "postgres")
            .withProperty("warden.purge.approvals", "0")
            .withProperty("spring.temporal.connection.target", "temporal.internal:7233");

    assertThat(offences(e)).isEmpty();
  }

  @Test
  void givenEnvUnsetAndRemoteEndpoints_whenChecked_thenRefusedNamingThem() {
    MockEnvironment e =
        new MockEnvironment()
            .withProperty("warden.env", "local")
            .withProperty("warden.s3.endpoint", "http://127.0.0.1:9000")
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/warden")
            .withProperty("spring.temporal.connection.target", "127.0.0.1:7233")
            .withProperty("warden.open-search.url", "http://127.0.0.1:9200");

    assertThat(offences(e))
        .containsExactly(
            "WARDEN_ENV: unset (means local) while endpoints are not on this machine: WARDEN_DB_URL");
  }

  @Test
  void givenEnvUnsetAndEverythingOnThisMachine_whenChecked_thenAllowed() {
    MockEnvironment e =
        new MockEnvironment()
            .withProperty("warden.env", "local")
            .withProperty("warden.s3.endpoint", "http://127.0.0.1:9000")
            .withProperty("spring.datasource.url", "jdbc:postgresql://localhost:54329/warden")
            .withProperty("spring.temporal.connection.target", "dns:///[::1]:7233")
            .withProperty("warden.open-search.url", "http://127.0.0.1:9200")
            .withProperty("warden.auth.issuer-uri", "http://127.0.0.1:9099");

    assertThat(offences(e)).isEmpty();
  }
}
