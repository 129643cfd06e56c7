package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import dev.warden.workflows.trace.TraceContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;

/** The worker app as deployed: its application.yml registers the workflow and activities. */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WardenWorkerIT {

  @Autowired WorkflowClient temporal;
  @Autowired PurgeRecordStore purges;
  @Autowired DatasetEventStore events;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
    registry.add("WARDEN_ARCHIVE_INDEX_INTERVAL", () -> "2s");
  }

  @Autowired JdbcClient jdbc;

  @Test
  void givenANewSharedArchive_whenTheWorkerRuns_thenItsScanIndexesTheArchiveUnasked()
      throws Exception {
    String key = "logs/prod/2026/11/29/w-" + UUID.randomUUID() + ".jsonl.gz";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("{\"tenant_id\":\"globex\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    try (S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints())) {
      s3.s3()
          .putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromBytes(gz.toByteArray()));
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(
                            jdbc.sql(
                                    "select array_to_string(tenants, ',') from archive_index"
                                        + " where archive_key = :key")
                                .param("key", key)
                                .query(String.class)
                                .list())
                        .containsExactly("globex"));
      } finally {
        s3.s3().deleteObject(d -> d.bucket(s3.bucket()).key(key));
      }
    }
  }

  @Test
  void
      givenARecordedPurge_whenItsWorkflowIsStarted_thenTheWorkerAppDeletesTheObjectsAndRecordsIt() {
    String tenant = "w-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints())) {
      IntStream.range(0, 120).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, "12345"));
      s3.put("tenants/" + tenant + "-eu/f0", "keep");
      PurgeRecord record =
          purges
              .admit(
                  PurgeRecord.requested(
                      TenantId.of(tenant), Env.of("prod"), "user:dpo", "test", null, "t"),
                  r -> WorkflowIds.tenantPurge("prod", tenant))
              .purge();

      // Started without a trace id in the request: the worker's events take the trace context
      // the client propagated from this thread.
      new TraceContext(null, "worker-it-" + tenant).install();
      PurgeOutcome outcome;
      try {
        outcome =
            temporal
                .newWorkflowStub(
                    TenantPurgeWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(record.workflowId())
                        .setTaskQueue(TaskQueues.PURGE)
                        .build())
                .purge(
                    new PurgeRequest(
                        record.purgeId().toString(),
                        tenant,
                        "prod",
                        "user:dpo",
                        "test",
                        null,
                        null,
                        0,
                        false,
                        0,
                        0,
                        0));
      } finally {
        TraceContext.clear();
      }
      assertThat(events.findByTenant(tenant, "prod", 100))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.traceId()).isEqualTo("worker-it-" + tenant));

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      assertThat(outcome.totalItems()).isEqualTo(120);
      assertThat(s3.snapshot("tenants/" + tenant + "/")).isEmpty();
      assertThat(s3.snapshot("tenants/" + tenant + "-eu/")).hasSize(1);
      PurgeRecord stored = purges.find(record.purgeId()).orElseThrow();
      assertThat(stored.status()).isEqualTo(PurgeState.COMPLETED);
      assertThat(stored.deletedBytes()).isEqualTo(600);
    }
  }
}
