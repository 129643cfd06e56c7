package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.objects.StorageCursor;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker dies in the middle of the storage step; another one finishes from its cursor. */
@ExtendWith(DevStackExtension.class)
class CrashResumeIT {

  static final int OBJECTS = 3_000;

  @Test
  void givenAWorkerStoppedMidStep_whenAnotherWorkerTakesOver_thenItResumesFromTheHeartbeat()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
      IntStream.range(0, OBJECTS)
          .parallel()
          .forEach(i -> stores.s3.put("tenants/%s/f%05d".formatted(tenant, i), "0123456789"));
      PurgeRequest request = stores.admitPurge(tenant);
      String workflowId = "it-crash/" + tenant;

      WorkerFactory workflows = temporal.workflowWorker(stores.activities(Env.of("prod"), 10));
      WorkerFactory first = temporal.activityWorker(stores.activities(Env.of("prod"), 10));
      temporal.start(workflowId, request);
      long deletedBeforeCrash =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> heartbeatedObjects(temporal, workflowId), n -> n >= 500);
      first.shutdownNow();
      first.awaitTermination(10, TimeUnit.SECONDS);
      long leftAtCrash = stores.s3.snapshot("tenants/" + tenant + "/").size();

      WorkerFactory second = temporal.activityWorker(stores.activities(Env.of("prod"), 10));
      PurgeOutcome outcome;
      try {
        outcome =
            temporal
                .client
                .newUntypedWorkflowStub(workflowId)
                .getResult(120, TimeUnit.SECONDS, PurgeOutcome.class);
      } catch (java.util.concurrent.TimeoutException stuck) {
        temporal
            .client
            .fetchHistory(workflowId)
            .getHistory()
            .getEventsList()
            .forEach(
                e ->
                    System.out.println(
                        "HISTORY "
                            + e.getEventId()
                            + " "
                            + e.getEventType()
                            + " "
                            + (e.hasActivityTaskScheduledEventAttributes()
                                ? e.getActivityTaskScheduledEventAttributes()
                                    .getActivityType()
                                    .getName()
                                : "")));
        throw stuck;
      }
      second.shutdownNow();
      workflows.shutdownNow();

      assertThat(deletedBeforeCrash).isGreaterThanOrEqualTo(500);
      assertThat(leftAtCrash).isLessThan(OBJECTS - 499L).isGreaterThan(0);
      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      // Counted on from the first attempt's heartbeat, not from zero: a restart from zero would
      // count only what was left at the crash. What the dead worker deleted after its last
      // heartbeat (at most a second of work) goes uncounted: counts are a lower bound, the
      // verification (residue 0) is the guarantee.
      long counted =
          outcome.steps().stream()
              .filter(s -> s.step() == PurgeStep.STORAGE)
              .mapToLong(s -> s.items())
              .sum();
      assertThat(counted).isGreaterThan(leftAtCrash).isLessThanOrEqualTo(OBJECTS);
      assertThat(outcome.receipt().residue().nothingLeft()).isTrue();
      assertThat(stores.s3.snapshot("tenants/" + tenant + "/")).isEmpty();
      assertThat(storageAttempts(temporal, workflowId)).isGreaterThanOrEqualTo(2);
      assertThat(stores.events.findByTenant(tenant, "prod", 500))
          .extracting(DatasetEvent::eventId)
          .doesNotHaveDuplicates();
      assertThat(stores.events.findByTenant(tenant, "prod", 500))
          .filteredOn(
              e ->
                  e.type().name().equals("STEP_STARTED")
                      && "STORAGE".equals(e.attributes().get("step")))
          .hasSize(1);
      System.out.printf(
          "crash after %d of %d objects heartbeated (%d left); finished, counted %d%n",
          deletedBeforeCrash, OBJECTS, leftAtCrash, counted);
    }
  }

  private static long heartbeatedObjects(TemporalFixture temporal, String workflowId) {
    var description =
        temporal
            .service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(workflowId))
                    .build());
    return description.getPendingActivitiesList().stream()
        .filter(a -> a.hasHeartbeatDetails())
        .mapToLong(
            a ->
                DefaultDataConverter.STANDARD_INSTANCE
                    .fromPayloads(
                        0,
                        java.util.Optional.of(a.getHeartbeatDetails()),
                        StorageCursor.class,
                        StorageCursor.class)
                    .objects())
        .max()
        .orElse(0);
  }

  private static int storageAttempts(TemporalFixture temporal, String workflowId) {
    return temporal.client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }
}
