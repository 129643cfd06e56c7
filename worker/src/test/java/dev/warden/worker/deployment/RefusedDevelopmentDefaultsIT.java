package dev.warden.worker.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both packaged apps, started as in production with development defaults, refuse to start: exit
 * code not 0, one message listing every offending setting, no stack trace, no connection tried
 * (every endpoint here is unreachable, so a start that went on would hang, not exit).
 */
class RefusedDevelopmentDefaultsIT {
  static final Path WORKER_JAR = Path.of("target/warden-worker-0.1.0-SNAPSHOT-exec.jar");

  record Run(int exitCode, String output) {}

  static Stream<Path> jars() {
    return Stream.of(WORKER_JAR, Path.of(System.getProperty("warden.api.jar", "missing")));
  }

  @ParameterizedTest
  @MethodSource("jars")
  void givenProdOnDevelopmentDefaults_whenStarted_thenRefusedWithEveryOffence(Path jar)
      throws Exception {
    Run run =
        start(
            jar,
            Map.of(
                "WARDEN_ENV", "prod",
                "WARDEN_S3_ACCESS_KEY", "warden",
                "WARDEN_S3_SECRET_KEY", "warden-secret",
                "WARDEN_DB_PASSWORD", "postgres",
                "WARDEN_PURGE_APPROVALS", "0",
                "WARDEN_AUTH_ISSUER_URI", "http://127.0.0.1:9",
                "WARDEN_TEMPORAL_TARGET", "temporal.invalid:7233",
                "WARDEN_OPENSEARCH_URL", "http://search.invalid:9200"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            message(
                "prod",
                "WARDEN_S3_ACCESS_KEY / WARDEN_S3_SECRET_KEY: the local S3 keys (warden /"
                    + " warden-secret)",
                "WARDEN_DB_PASSWORD: the local password 'postgres'",
                "WARDEN_PURGE_APPROVALS: 0 (purges would start without a second person)",
                "WARDEN_AUTH_ISSUER_URI: http://127.0.0.1:9 is the local authorization server"
                    + " (tokens anyone on the machine can mint)",
                "WARDEN_TEMPORAL_TARGET: plaintext gRPC to temporal.invalid:7233 (set"
                    + " WARDEN_TEMPORAL_TLS=true, a client certificate or an API key) (or"
                    + " WARDEN_ALLOW_PLAINTEXT=true)",
                "WARDEN_OPENSEARCH_URL: plaintext HTTP to http://search.invalid:9200 (use an"
                    + " https:// URL) (or WARDEN_ALLOW_PLAINTEXT=true)"))
        .doesNotContain("\tat ");
  }

  @ParameterizedTest
  @MethodSource("jars")
  void givenPlaintextAllowed_whenStarted_thenWarnedAndOnlyTheRestRefused(Path jar)
      throws Exception {
    Run run =
        start(
            jar,
            Map.of(
                "WARDEN_ENV", "staging",
                "WARDEN_ALLOW_PLAINTEXT", "true",
                "WARDEN_DB_PASSWORD", "postgres",
                "WARDEN_TEMPORAL_TARGET", "temporal.invalid:7233"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            "WARDEN_ALLOW_PLAINTEXT=true: WARDEN_TEMPORAL_TARGET: plaintext gRPC to"
                + " temporal.invalid:7233")
        .contains(message("staging", "WARDEN_DB_PASSWORD: the local password 'postgres'"))
        .doesNotContain("\tat ");
  }

  @ParameterizedTest
  @MethodSource("jars")
  void givenEnvUnsetAndARemoteEndpoint_whenStarted_thenRefused(Path jar) throws Exception {
    Run run =
        start(
            jar,
            Map.of(
                "WARDEN_TEMPORAL_TARGET", "temporal.invalid:7233",
                "WARDEN_DB_URL", "jdbc:postgresql://db.invalid:5432/warden"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            message(
                "local",
                "WARDEN_ENV: unset (means local) while endpoints are not on this machine:"
                    + " WARDEN_TEMPORAL_TARGET, WARDEN_DB_URL"))
        .doesNotContain("\tat ");
  }

  @ParameterizedTest
  @MethodSource("jars")
  void givenAClientCertificateThatIsNotThere_whenStarted_thenRefusedNamingTheSetting(Path jar)
      throws Exception {
    Run run =
        start(
            jar,
            Map.of(
                "WARDEN_TEMPORAL_CLIENT_CERT", "/nonexistent/warden-client.pem",
                "WARDEN_TEMPORAL_CLIENT_KEY", "/nonexistent/warden-client.key"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains(
            titled(
                "Warden cannot start: a connection names a file it cannot use:",
                "WARDEN_TEMPORAL_CLIENT_CERT: /nonexistent/warden-client.pem is not a readable"
                    + " file",
                "WARDEN_TEMPORAL_CLIENT_KEY: /nonexistent/warden-client.key is not a readable"
                    + " file"))
        .doesNotContain("\tat ");
  }

  /** The failure analysis as printed: the header line, then one " - " line per offence. */
  private static String message(String env, String... offences) {
    return titled(
        "Warden refuses to start in env '" + env + "' on development defaults:", offences);
  }

  private static String titled(String title, String... offences) {
    String nl = System.lineSeparator();
    StringBuilder m = new StringBuilder(title);
    for (String offence : offences) {
      m.append(nl).append("  - ").append(offence);
    }
    return m.append(nl)
        .append(nl)
        .append("Action:")
        .append(nl)
        .append(nl)
        .append("Set each of them for this deployment (docs/operations.md, \"Deploying to")
        .append(" production\"), or run with WARDEN_ENV=local on one machine.")
        .toString();
  }

  private static Run start(Path jar, Map<String, String> env) throws Exception {
    assertThat(jar).as("packaged app jar").exists();
    File log = Files.createTempFile("warden-refused-", ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--server.port=0")
            .redirectErrorStream(true)
            .redirectOutput(log);
    // Only the variables of the case: none of the test run's own WARDEN_* settings.
    builder.environment().keySet().removeIf(k -> k.startsWith("WARDEN_") || k.startsWith("AWS_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the app exited by itself").isTrue();
      return new Run(process.exitValue(), Files.readString(log.toPath()));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log.toPath());
    }
  }
}
