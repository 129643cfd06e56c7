package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker app creates the nightly reconciliation as a real Temporal Schedule: describe shows its
 * next runs at 02:00 UTC (plus jitter), and trigger-now starts a run that reconciles.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconciliationScheduleIT {

  static final String ENV = "schedit";
  static final String SCHEDULE_ID = "quota-reconciliation/" + ENV;

  @Autowired WorkflowClient temporal;
  @Autowired ReconciliationRuns runs;
  @Autowired QuotaLedger ledger;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, ENV);
    registry.add("warden.reconcile.cron", () -> "0 2 * * *");
  }

  @Test
  void givenTheWorkerStarted_whenTheScheduleIsDescribed_thenItsNextRunsAreNightlyAt2Utc() {
    ScheduleDescription description = schedule().describe();

    assertThat(description.getInfo().getNextActionTimes()).isNotEmpty();
    for (Instant next : description.getInfo().getNextActionTimes()) {
      var utc = next.atOffset(ZoneOffset.UTC);
      assertThat(next).isAfter(Instant.now());
      assertThat(utc.getHour()).isEqualTo(2);
      assertThat(utc.getMinute()).isLessThan(10); // jitter up to 10 minutes
    }
    assertThat(description.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(description.getSchedule().getState().isPaused()).isFalse();
  }

  @Test
  void givenTheSchedule_whenTriggeredNow_thenItStartsARunThatReconcilesTheLedger() {
    String tenant = "sched-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints())) {
      s3.put("tenants/" + tenant + "/f", "123456");
    }
    Instant triggered = Instant.now();

    schedule().trigger();

    ReconciliationRuns.Run run =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    runs.recent(ENV, 10).stream()
                        .filter(r -> r.requestedBy().equals("system:schedule"))
                        .filter(r -> r.requestedAt().isAfter(triggered.minusSeconds(1)))
                        .filter(r -> r.status().equals("COMPLETED"))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(ledger.find(tenant, ENV).orElseThrow().storageBytesUsed()).isEqualTo(6);
    assertThat(run.mode()).isEqualTo("sweep");
    // A Schedule's run has the Schedule's id plus its start time as workflow id.
    assertThat(run.workflowId()).startsWith(SCHEDULE_ID + "-");

    // The Schedule remembers the run, and the visibility store finds it by the Schedule's id.
    assertThat(
            schedule().describe().getInfo().getRecentActions().stream()
                .map(a -> ((ScheduleActionExecutionStartWorkflow) a.getAction()).getWorkflowId()))
        .contains(run.workflowId());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        temporal
                            .getWorkflowServiceStubs()
                            .blockingStub()
                            .listWorkflowExecutions(
                                ListWorkflowExecutionsRequest.newBuilder()
                                    .setNamespace("default")
                                    .setQuery("TemporalScheduledById = '" + SCHEDULE_ID + "'")
                                    .build())
                            .getExecutionsList())
                    .anySatisfy(
                        e ->
                            assertThat(e.getExecution().getWorkflowId())
                                .isEqualTo(run.workflowId())));
  }

  private ScheduleHandle schedule() {
    // The schedule's action holds an encrypted input: read it with the app's data converter.
    return ScheduleClient.newInstance(
            temporal.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setDataConverter(temporal.getOptions().getDataConverter())
                .build())
        .getHandle(SCHEDULE_ID);
  }
}
