package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.indexpurge.IndexFixture;
import dev.warden.engines.indexpurge.TenantIndexStore;
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
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A worker process killed with SIGKILL while it owns a purge and a new worker process started: the
 * purge completes. The workers run sticky, as in production: the dead worker's sticky workflow
 * tasks go back to the shared queue (Temporal's dev server, a real server). Needs the packaged
 * worker jar (failsafe runs after the package phase).
 */
@ExtendWith(DevStackExtension.class)
class WorkerCrashIT {

  /** "local": outside it, the packaged worker refuses the devstack's keys and password. */
  static final String ENV = "local";

  final WorkerProcesses workers = new WorkerProcesses();
  DevStackEndpoints endpoints;
  JdbcClient jdbc;
  PurgeRecordStore purges;
  WorkflowServiceStubs service;
  WorkflowClient temporal;

  /** One payload key for this class's workers and its own client. */
  static final String PAYLOAD_KEYS = WorkerProcesses.PAYLOAD_KEYS;

  @BeforeEach
  void connect() {
    endpoints = DevStackExtension.endpoints();
    jdbc =
        JdbcClient.create(
            new DriverManagerDataSource(
                endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword()));
    purges = new PurgeRecordStore(jdbc);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(endpoints.temporalTarget()).build());
    // The workers encrypt every payload: this client reads them with the same key.
    temporal =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setDataConverter(
                    PayloadEncryption.dataConverter(
                        PayloadKeys.load(Optional.of(PAYLOAD_KEYS), Path.of("."))))
                .build());
  }

  @AfterEach
  void stopWorkers() {
    workers.close();
    service.shutdown();
  }

  @Test
  void givenAWorkerKilledDuringTheGracePeriod_whenAnotherWorkerStarts_thenThePurgeCompletes()
      throws Exception {
    Process first = worker(endpoints, "first");
    String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    PurgeRecord record =
        admit(
            purges,
            tenant,
            PurgeRecord.requested(
                TenantId.of(tenant), Env.of(ENV), "user:dpo", "test", null, "t", 10, false));
    TenantPurgeWorkflow workflow =
        start(
            temporal,
            record,
            id ->
                new PurgeRequest(
                    id, tenant, ENV, "user:dpo", "test", null, "t", 10, false, 0, 0, 0));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> purges.find(record.purgeId()).orElseThrow().status(),
            s -> s == PurgeState.WAITING_GRACE_PERIOD);

    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    worker(endpoints, "second");

    PurgeOutcome outcome =
        WorkflowStub.fromTyped(workflow).getResult(180, TimeUnit.SECONDS, PurgeOutcome.class);
    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(purges.find(record.purgeId()).orElseThrow().status())
        .isEqualTo(PurgeState.COMPLETED);
    // The first worker ran the workflow sticky; its tasks went back to the shared queue and the
    // second worker (another process, another identity) finished it.
    List<HistoryEvent> history = temporal.fetchHistory(record.workflowId()).getEvents();
    assertThat(history)
        .as("a workflow task scheduled on the first worker's sticky queue")
        .anyMatch(
            e ->
                e.hasWorkflowTaskScheduledEventAttributes()
                    && e.getWorkflowTaskScheduledEventAttributes().getTaskQueue().getKind()
                        == TaskQueueKind.TASK_QUEUE_KIND_STICKY);
    assertThat(
            history.stream()
                .filter(HistoryEvent::hasWorkflowTaskStartedEventAttributes)
                .map(e -> e.getWorkflowTaskStartedEventAttributes().getIdentity())
                .distinct())
        .as("workflow tasks taken by both worker processes")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void
      givenAWorkerKilledWhileAPurgeAwaitsApproval_whenAnotherStartsAndItIsApproved_thenItCompletes()
          throws Exception {
    Process first = worker(endpoints, "first-approval");
    String tenant = "crash-approval-" + UUID.randomUUID().toString().substring(0, 8);
    PurgeRecord record =
        admit(
            purges,
            tenant,
            PurgeRecord.requested(TenantId.of(tenant), Env.of(ENV), "user:dpo", "test", null, "t")
                .requiringApprovals(1));
    TenantPurgeWorkflow workflow =
        start(
            temporal,
            record,
            id ->
                new PurgeRequest(
                    id,
                    tenant,
                    ENV,
                    "user:dpo",
                    "test",
                    null,
                    "t",
                    0,
                    false,
                    1,
                    Duration.ofDays(7).toSeconds(),
                    0));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> purges.find(record.purgeId()).orElseThrow().status(),
            s -> s == PurgeState.AWAITING_APPROVAL);

    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    worker(endpoints, "second-approval");
    // As the API approves: a decision recorded in PostgreSQL, signalled by its id only.
    String decision =
        purges
            .decisions()
            .record(
                record.purgeId(),
                dev.warden.engines.purge.PurgeDecisions.Kind.APPROVE,
                "user:dpo-2",
                null,
                null)
            .orElseThrow()
            .toString();
    workflow.approvalRecorded(decision);

    PurgeOutcome outcome =
        WorkflowStub.fromTyped(workflow).getResult(180, TimeUnit.SECONDS, PurgeOutcome.class);
    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().approvedBy()).containsExactly("user:dpo-2");
    PurgeRecord done = purges.find(record.purgeId()).orElseThrow();
    assertThat(done.status()).isEqualTo(PurgeState.COMPLETED);
    assertThat(done.approvedBy()).containsExactly("user:dpo-2");
  }

  // Small pages and few lanes make the storage step last long enough to be killed in: a page is a
  // listing, its pending record, a DeleteObjects call and its commit.
  static final Map<String, String> SLOW_STORAGE =
      Map.of(
          "WARDEN_PURGE_PAGE_SIZE", "5",
          "WARDEN_PURGE_CONCURRENCY", "1",
          "WARDEN_PURGE_STORAGE_SHARDS", "4",
          "WARDEN_PURGE_STORAGE_LANES", "2");

  @Test
  void givenAWorkerKilledWhileItDeletesObjects_whenAnotherFinishes_thenTheReceiptCountsEachOnce()
      throws Exception {
    String tenant = "crash-storage-" + UUID.randomUUID().toString().substring(0, 8);
    String prefix = "tenants/" + tenant + "/";
    int seeded = 2000;
    try (S3Fixture s3 = new S3Fixture(endpoints)) {
      IntStream.range(0, seeded)
          .parallel()
          .forEach(i -> s3.put(prefix + "d" + (i % 7) + "/f" + i, "x".repeat(1 + i % 9)));
      s3.put("tenants/" + tenant + "-eu/kept", "neighbour");
      long bytes = IntStream.range(0, seeded).mapToLong(i -> 1 + i % 9).sum();
      Process first = worker(endpoints, "first-storage", SLOW_STORAGE);
      PurgeRecord record =
          admit(
              purges,
              tenant,
              PurgeRecord.requested(
                  TenantId.of(tenant), Env.of(ENV), "user:dpo", "test", null, "t"));
      TenantPurgeWorkflow workflow =
          start(
              temporal,
              record,
              id ->
                  new PurgeRequest(
                      id, tenant, ENV, "user:dpo", "test", null, "t", 0, false, 0, 0, 0));
      // Killed with a quarter to a half of the objects gone: pages deleted since the last
      // heartbeat, and maybe one whose delete ran but was not recorded, die with it.
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> s3.count(prefix), left -> left <= seeded * 3 / 4);
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int leftAtKill = s3.count(prefix);
      assertThat(leftAtKill).as("killed before the storage step ended").isGreaterThan(0);
      worker(endpoints, "second-storage", SLOW_STORAGE);

      PurgeOutcome outcome =
          WorkflowStub.fromTyped(workflow).getResult(240, TimeUnit.SECONDS, PurgeOutcome.class);

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      StepResult storage =
          outcome.receipt().deleted().stream()
              .filter(r -> r.step() == PurgeStep.STORAGE)
              .findFirst()
              .orElseThrow();
      assertThat(storage.items())
          .as("objects deleted (%d left at the kill)", leftAtKill)
          .isEqualTo(seeded);
      assertThat(storage.bytes()).isEqualTo(bytes);
      assertThat(s3.count(prefix)).isZero();
      assertThat(s3.count("tenants/" + tenant + "-eu/")).isEqualTo(1);
      assertThat(
              jdbc.sql("select count(*) from storage_progress where purge_id = ?")
                  .param(record.purgeId())
                  .query(Long.class)
                  .single())
          .as("progress rows forgotten at the final state")
          .isZero();
    }
  }

  // Small pages and two lanes make the index step last long enough to be killed in: a page is a
  // search, its pending record, a bulk and its commit.
  static final Map<String, String> SLOW_INDEX =
      Map.of("WARDEN_PURGE_PAGE_SIZE", "10", "WARDEN_PURGE_INDEX_LANES", "2");

  @Test
  void givenAWorkerKilledWhileItDeletesDocuments_whenAnotherFinishes_thenTheReceiptCountsEachOnce()
      throws Exception {
    String tenant = "crash-index-" + UUID.randomUUID().toString().substring(0, 8);
    TenantId id = TenantId.of(tenant);
    int seeded = 5000;
    IndexFixture search = new IndexFixture();
    TenantIndexStore store = new TenantIndexStore(search.client);
    String docs = TenantIndexStore.docsIndex(Env.of(ENV));
    if (!search.client.indices().exists(e -> e.index(docs)).value()) {
      search.createIndex(docs);
    }
    search.index(docs, tenant, tenant, seeded, "hello from " + tenant, true);
    search.index(docs, tenant + "-eu", tenant + "-eu", 50, "neighbour", true);
    Process first = worker(endpoints, "first-index", SLOW_INDEX);
    PurgeRecord record =
        admit(
            purges, tenant, PurgeRecord.requested(id, Env.of(ENV), "user:dpo", "test", null, "t"));
    TenantPurgeWorkflow workflow =
        start(
            temporal,
            record,
            purgeId ->
                new PurgeRequest(
                    purgeId, tenant, ENV, "user:dpo", "test", null, "t", 0, false, 0, 0, 0));
    // Killed with about a quarter of the documents gone: bulks deleted since the last heartbeat
    // that reached the server, and maybe one per lane whose outcome was not recorded, die with
    // it.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> store.count(id, docs), left -> left <= seeded * 3 / 4);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long leftAtKill = store.count(id, docs);
    assertThat(leftAtKill).as("killed before the index step ended").isGreaterThan(0);
    worker(endpoints, "second-index", SLOW_INDEX);

    PurgeOutcome outcome =
        WorkflowStub.fromTyped(workflow).getResult(240, TimeUnit.SECONDS, PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    StepResult index =
        outcome.receipt().deleted().stream()
            .filter(r -> r.step() == PurgeStep.INDEX)
            .findFirst()
            .orElseThrow();
    assertThat(index.items())
        .as("documents deleted (%d left at the kill)", leftAtKill)
        .isEqualTo(seeded);
    assertThat(store.count(id, docs)).isZero();
    assertThat(store.count(TenantId.of(tenant + "-eu"), docs)).isEqualTo(50);
    assertThat(
            jdbc.sql("select count(*) from index_progress where purge_id = ?")
                .param(record.purgeId())
                .query(Long.class)
                .single())
        .as("progress rows forgotten at the final state")
        .isZero();
  }

  private static PurgeRecord admit(PurgeRecordStore purges, String tenant, PurgeRecord draft) {
    return purges.admit(draft, r -> WorkflowIds.tenantPurge(ENV, tenant)).purge();
  }

  /** Starts the purge's workflow with the request {@code request} makes of its purge id. */
  private static TenantPurgeWorkflow start(
      WorkflowClient temporal, PurgeRecord record, Function<String, PurgeRequest> request) {
    TenantPurgeWorkflow workflow =
        temporal.newWorkflowStub(
            TenantPurgeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(record.workflowId())
                .setTaskQueue(TaskQueues.PURGE)
                .build());
    WorkflowClient.start(workflow::purge, request.apply(record.purgeId().toString()));
    return workflow;
  }

  private Process worker(DevStackEndpoints endpoints, String name) throws Exception {
    return worker(endpoints, name, Map.of());
  }

  private Process worker(DevStackEndpoints endpoints, String name, Map<String, String> env)
      throws Exception {
    // The workers and this test's client share one payload key: histories are encrypted.
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putIfAbsent("WARDEN_PAYLOAD_KEYS", PAYLOAD_KEYS);
    return workers.start(endpoints, name, all);
  }
}
