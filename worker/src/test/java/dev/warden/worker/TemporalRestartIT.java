package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.codec.PayloadEncryption;
import dev.warden.workflows.codec.PayloadKeys;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Temporal's dev server keeps its state in SQLite in the data directory: a stack stopped during a
 * purge's grace period and started again on the same directory, or a Temporal process killed and
 * started again by the devstack, continues the same purge to COMPLETED (not FAILED). Each test runs
 * its own Temporal and S3Proxy on a data directory of its own (as {@code ./warden up} does in
 * {@code .warden/}), with the shared test stack's PostgreSQL and OpenSearch; workers are processes.
 */
@ExtendWith(DevStackExtension.class)
class TemporalRestartIT {

  static final int OBJECTS = 40;
  final WorkerProcesses workers = new WorkerProcesses();
  DevStackEndpoints shared;
  PurgeRecordStore purges;
  Path dataDir;
  DevStackConfig config;
  DevStack stack;

  @BeforeEach
  void ownStack() throws Exception {
    shared = DevStackExtension.endpoints();
    purges =
        new PurgeRecordStore(
            JdbcClient.create(
                new DriverManagerDataSource(
                    shared.jdbcUrl(), shared.dbUser(), shared.dbPassword())));
    dataDir = Files.createTempDirectory("warden-restart-");
    DevStackConfig t = DevStackConfig.forTests();
    config =
        new DevStackConfig(
            dataDir,
            t.temporalPort(),
            t.s3Port(),
            t.s3Store(),
            t.s3AccessKey(),
            t.s3SecretKey(),
            t.s3Bucket(),
            t.openSearchPort(),
            t.openSearchTransportPort(),
            shared.openSearchUrl(),
            t.dbPort(),
            shared.jdbcUrl(),
            shared.dbUser(),
            shared.dbPassword(),
            false,
            0,
            t.temporalUiPort(),
            t.temporalCli());
    assertThat(config.temporalCli()).as("the Temporal CLI (dev server)").isNotNull();
    Files.deleteIfExists(t.dataDir());
  }

  @AfterEach
  void stopAll() throws Exception {
    workers.close();
    if (stack != null) {
      stack.close();
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void givenTheStackStoppedInTheGracePeriod_whenStartedOnTheSameDataDir_thenThePurgeCompletes()
      throws Exception {
    stack = DevStack.start(config);
    workers.start(stack.endpoints(), "before-stop", Map.of());
    Purge purge = startPurge(stack.endpoints(), 8);
    awaitState(purge.record(), PurgeState.WAITING_GRACE_PERIOD);

    // ./warden up stopped: its worker and its servers get TERM.
    workers.close();
    stack.close();
    stack = DevStack.start(config);
    workers.start(stack.endpoints(), "after-start", Map.of());

    assertCompleted(stack.endpoints(), purge);
  }

  @Test
  void
      givenTheTemporalProcessKilled_whenTheDevStackStartsItAgain_thenWorkersReconnectAndItCompletes()
          throws Exception {
    stack = DevStack.start(config);
    workers.start(stack.endpoints(), "reconnecting", Map.of());
    Purge purge = startPurge(stack.endpoints(), 8);
    awaitState(purge.record(), PurgeState.WAITING_GRACE_PERIOD);

    ProcessHandle temporal = temporalProcess();
    temporal.destroyForcibly();
    temporal.onExit().get(30, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> temporalProcess().pid() != temporal.pid());

    assertCompleted(stack.endpoints(), purge);
  }

  record Purge(PurgeRecord record, String tenant) {}

  private Purge startPurge(DevStackEndpoints endpoints, long graceSeconds) throws Exception {
    String tenant = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Fixture s3 = new S3Fixture(endpoints)) {
      IntStream.range(0, OBJECTS).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, "12345"));
    }
    PurgeRecord record =
        purges
            .admit(
                PurgeRecord.requested(
                    TenantId.of(tenant),
                    Env.of(WorkerProcesses.ENV),
                    "user:dpo",
                    "test",
                    null,
                    "t",
                    graceSeconds,
                    false),
                r -> WorkflowIds.tenantPurge(WorkerProcesses.ENV, tenant))
            .purge();
    withClient(
        endpoints,
        client -> {
          TenantPurgeWorkflow workflow =
              client.newWorkflowStub(
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
                  WorkerProcesses.ENV,
                  "user:dpo",
                  "test",
                  null,
                  "t",
                  graceSeconds,
                  false,
                  0,
                  0,
                  0));
          return null;
        });
    return new Purge(record, tenant);
  }

  private void awaitState(PurgeRecord record, PurgeState state) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> purges.find(record.purgeId()).orElseThrow().status(), s -> s == state);
  }

  private void assertCompleted(DevStackEndpoints endpoints, Purge purge) throws Exception {
    PurgeOutcome outcome =
        withClient(
            endpoints,
            client ->
                client
                    .newUntypedWorkflowStub(purge.record().workflowId())
                    .getResult(180, TimeUnit.SECONDS, PurgeOutcome.class));
    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.totalItems()).isEqualTo(OBJECTS);
    assertThat(purges.find(purge.record().purgeId()).orElseThrow().status())
        .isEqualTo(PurgeState.COMPLETED);
    try (S3Fixture s3 = new S3Fixture(endpoints)) {
      assertThat(s3.count("tenants/" + purge.tenant() + "/")).isZero();
    }
  }

  /** The running dev server of this test's stack (a child process of this JVM). */
  private ProcessHandle temporalProcess() {
    String db = dataDir.resolve("temporal").resolve("temporal.db").toString();
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.isAlive())
        .filter(
            p -> {
              String cmd = p.info().commandLine().orElse("");
              return cmd.contains("start-dev") && cmd.contains(db);
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Temporal dev server on " + db));
  }

  interface ClientCall<T> {
    T apply(WorkflowClient client) throws Exception;
  }

  private static <T> T withClient(DevStackEndpoints endpoints, ClientCall<T> call)
      throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(endpoints.temporalTarget()).build());
    try {
      return call.apply(
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setDataConverter(
                      PayloadEncryption.dataConverter(
                          PayloadKeys.load(
                              Optional.of(WorkerProcesses.PAYLOAD_KEYS), Path.of("."))))
                  .build()));
    } finally {
      service.shutdown();
    }
  }
}
