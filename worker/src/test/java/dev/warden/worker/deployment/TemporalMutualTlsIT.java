package dev.warden.worker.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.NginxProxy;
import dev.warden.engines.testing.TestCertificates;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged worker reaches Temporal only through a TLS-terminating gRPC proxy that requires a
 * client certificate (nginx: {@code grpc_pass}, {@code ssl_verify_client on}; certificates from a
 * CA of the test's own): with WARDEN_TEMPORAL_CLIENT_CERT/KEY and that CA as WARDEN_TEMPORAL_CA
 * (the JVM's trust store does not know it), it polls through the proxy and a purge completes.
 */
@ExtendWith(DevStackExtension.class)
class TemporalMutualTlsIT {
  static final Path JAR = Path.of("target/warden-worker-0.1.0-SNAPSHOT-exec.jar");
  static final String ENV = "local";

  @TempDir Path dir;

  @Test
  void givenAProxyRequiringAClientCertificate_whenTheWorkerHasOne_thenAPurgeCompletes()
      throws Exception {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    TestCertificates certs = TestCertificates.create(dir);
    Process worker = null;
    try (NginxProxy nginx = proxy(endpoints);
        Direct direct = new Direct(endpoints)) {
      Process started =
          worker(
              endpoints,
              null,
              nginx.port(),
              Map.of(
                  "WARDEN_TEMPORAL_CA", certs.ca.toString(),
                  "WARDEN_TEMPORAL_CLIENT_CERT", certs.clientCert.toString(),
                  "WARDEN_TEMPORAL_CLIENT_KEY", certs.clientKey.toString()));
      worker = started;
      Path log = dir.resolve("worker.log");
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(500))
          .failFast("the worker exited; its log: " + log, () -> !started.isAlive())
          .until(() -> Files.readString(log).contains("Started WardenWorkerApplication"));

      String tenant = "mtls-" + UUID.randomUUID().toString().substring(0, 8);
      PurgeOutcome outcome;
      try {
        outcome = direct.purge(tenant);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "no outcome in time; the worker's log ends:\n"
                + tail(log)
                + "\nthe proxy's access log ends:\n"
                + tail(dir.resolve("access.log")),
            e);
      }

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      // The worker's polls and completions went through the proxy, with its certificate.
      assertThat(Files.readString(dir.resolve("access.log")))
          .contains("POST /temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue")
          .contains("RespondActivityTaskCompleted");
    } finally {
      if (worker != null) {
        worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void givenAProxyRequiringAClientCertificate_whenTheWorkerHasNone_thenItRefusesToStartInOneLine()
      throws Exception {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    TestCertificates certs = TestCertificates.create(dir);
    Path trust = trustStore(certs);
    try (NginxProxy nginx = proxy(endpoints)) {
      Process worker =
          worker(endpoints, trust, nginx.port(), Map.of("WARDEN_TEMPORAL_TLS", "true"));
      try {
        assertThat(worker.waitFor(180, TimeUnit.SECONDS)).as("the worker exited").isTrue();
        String log = Files.readString(dir.resolve("worker.log"));
        assertThat(worker.exitValue()).as(log).isNotZero();
        assertThat(log)
            .contains("Warden cannot start: Temporal refuses its connection:")
            .contains(
                "  - WARDEN_TEMPORAL_CLIENT_CERT / WARDEN_TEMPORAL_CLIENT_KEY: Temporal at"
                    + " 127.0.0.1:"
                    + nginx.port()
                    + " refused the connection for want of a client certificate it trusts")
            .doesNotContain("Started WardenWorkerApplication");
      } finally {
        worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static String tail(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      return "(no " + file.getFileName() + ")";
    }
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private Path trustStore(TestCertificates certs) throws Exception {
    Path trust = dir.resolve("trust.p12");
    run(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-importcert",
        "-noprompt",
        "-alias",
        "warden-test-ca",
        "-file",
        certs.ca.toString(),
        "-keystore",
        trust.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    return trust;
  }

  /** nginx: TLS with the test's server certificate, a client certificate required, gRPC on. */
  private NginxProxy proxy(DevStackEndpoints endpoints) throws Exception {
    String temporal = endpoints.temporalTarget();
    return NginxProxy.start(
        dir,
        "ssl http2",
        """
        ssl_certificate %DIR%/server.pem;
        ssl_certificate_key %DIR%/server.key;
        ssl_client_certificate %DIR%/ca.pem;
        ssl_verify_client on;
        grpc_read_timeout 300s;
        grpc_send_timeout 300s;
        client_body_timeout 300s;
        location / { grpc_pass grpc://127.0.0.1:%TEMPORAL%; }
        """
            .replace("%TEMPORAL%", temporal.substring(temporal.lastIndexOf(':') + 1)));
  }

  /**
   * The packaged worker, Temporal through the proxy; the CA in its JVM's trust store when {@code
   * trust} is given (else only through WARDEN_TEMPORAL_CA in {@code tls}).
   */
  private Process worker(
      DevStackEndpoints endpoints, Path trust, int proxyPort, Map<String, String> tls)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                java.util.stream.Stream.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        trust == null ? null : "-Djavax.net.ssl.trustStore=" + trust,
                        trust == null ? null : "-Djavax.net.ssl.trustStorePassword=changeit",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "--server.port=0")
                    .filter(java.util.Objects::nonNull)
                    .toList())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("worker.log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("WARDEN_"));
    builder.environment().putAll(endpoints.asEnv());
    builder.environment().put("WARDEN_ENV", ENV);
    builder.environment().put("WARDEN_PAYLOAD_KEYS", PAYLOAD_KEYS);
    builder.environment().put("WARDEN_TEMPORAL_STICKY", "false");
    builder.environment().put("WARDEN_TEMPORAL_TARGET", "127.0.0.1:" + proxyPort);
    builder.environment().putAll(tls);
    return builder.start();
  }

  /** The test's own connections: PostgreSQL and Temporal directly, not through the proxy. */
  /**
   * The run's payload key, as every worker of the suite has: the worker reads the reconciliation
   * Schedule other tests created (encrypted) and this test's client reads the purge's history.
   */
  static final String PAYLOAD_KEYS = dev.warden.worker.WorkerProcesses.PAYLOAD_KEYS;

  static final class Direct implements AutoCloseable {
    final PurgeRecordStore purges;
    final WorkflowServiceStubs service;
    final WorkflowClient temporal;

    Direct(DevStackEndpoints endpoints) {
      purges =
          new PurgeRecordStore(
              JdbcClient.create(
                  new DriverManagerDataSource(
                      endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword())));
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(endpoints.temporalTarget())
                  .build());
      // The worker process encrypts payloads with the run's key (./warden test exports it).
      temporal =
          WorkflowClient.newInstance(
              service,
              io.temporal.client.WorkflowClientOptions.newBuilder()
                  .setDataConverter(
                      dev.warden.workflows.codec.PayloadEncryption.dataConverter(
                          dev.warden.workflows.codec.PayloadKeys.load(
                              java.util.Optional.of(PAYLOAD_KEYS), java.nio.file.Path.of("."))))
                  .build());
    }

    PurgeOutcome purge(String tenant) throws Exception {
      PurgeRecord record =
          purges
              .admit(
                  PurgeRecord.requested(
                      TenantId.of(tenant), Env.of(ENV), "user:dpo", "test", null, "t"),
                  r -> WorkflowIds.tenantPurge(ENV, tenant))
              .purge();
      TenantPurgeWorkflow workflow =
          temporal.newWorkflowStub(
              TenantPurgeWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(record.workflowId())
                  .setTaskQueue(TaskQueues.PURGE)
                  .build());
      WorkflowClient.start(
          workflow::purge,
          new PurgeRequest(
              record.purgeId().toString(),
              tenant,
              ENV,
              "user:dpo",
              "test",
              null,
              "t",
              0,
              false,
              0,
              0,
              0));
      return WorkflowStub.fromTyped(workflow).getResult(180, TimeUnit.SECONDS, PurgeOutcome.class);
    }

    @Override
    public void close() {
      service.shutdown();
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
