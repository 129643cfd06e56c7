package dev.warden.activities.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.testing.DbFixture;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.Transition;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real event writer on PostgreSQL, called from workflow runs: a repeat inside one run is one
 * event (retries never duplicate), the same event from another run of the same purge (a reset) is
 * kept.
 */
@ExtendWith(DevStackExtension.class)
class EventIdsIT {

  /** Emits the same event twice in one run. */
  @WorkflowInterface
  public interface EmitTwice {
    @WorkflowMethod
    void emit(PurgeEvent event);
  }

  /** Applies the same transition twice in one run, as local activities (as a purge does). */
  public static final class TransitionTwiceImpl implements EmitTwice {
    private final PurgeRecordActivities records =
        Workflow.newLocalActivityStub(
            PurgeRecordActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .build());

    @Override
    public void emit(PurgeEvent event) {
      PurgeEvent started =
          new PurgeEvent(
              event.request(), PurgeEventType.STEP_STARTED, PurgeStep.INDEX, 1, Map.of());
      Transition transition =
          new Transition(
              event.request(),
              List.of(RecordWrite.event(event)),
              PurgeStep.INDEX,
              List.of(RecordWrite.event(started)),
              false);
      records.transition(transition);
      records.transition(transition);
    }
  }

  public static final class EmitTwiceImpl implements EmitTwice {
    private final PurgeRecordActivities records =
        Workflow.newActivityStub(
            PurgeRecordActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public void emit(PurgeEvent event) {
      records.emit(event);
      records.emit(event);
    }
  }

  final DbFixture db = new DbFixture(DevStackExtension.endpoints());
  final DatasetEventStore events = new DatasetEventStore(db.jdbc(), new ObjectMapper());
  final String tenant = "ev-" + UUID.randomUUID().toString().substring(0, 8);
  final PurgeRequest request = ActivityFixture.request(UUID.randomUUID().toString(), tenant);

  @Test
  void givenATransitionAppliedTwiceInOneRun_whenItsGuardAllows_thenEachOfItsEventsIsStoredOnce() {
    PurgeEvent completed =
        new PurgeEvent(request, PurgeEventType.STEP_COMPLETED, PurgeStep.STORAGE, 1, Map.of());
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      Worker worker = temporal.newWorker("transitions");
      worker.registerWorkflowImplementationTypes(TransitionTwiceImpl.class);
      worker.registerActivitiesImplementations(
          RecordActivitiesOnDb.of(db, events, (r, step) -> GuardDecision.ALLOWED));
      temporal.start();
      temporal
          .getWorkflowClient()
          .newWorkflowStub(
              EmitTwice.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("tenant-purge/prod/" + tenant)
                  .setTaskQueue("transitions")
                  .build())
          .emit(completed);
    }

    assertThat(events.findByTenant(tenant, "prod", 50))
        .extracting(DatasetEvent::type)
        .containsExactlyInAnyOrder(DatasetEventType.STEP_COMPLETED, DatasetEventType.STEP_STARTED);
  }

  @Test
  void givenOneStepEventFromTwoRunsOfAPurge_whenEachRunEmitsItTwice_thenOneEventPerRunIsStored() {
    PurgeEvent started =
        new PurgeEvent(request, PurgeEventType.STEP_STARTED, PurgeStep.STORAGE, 1, Map.of());
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      Worker worker = temporal.newWorker("events");
      worker.registerWorkflowImplementationTypes(EmitTwiceImpl.class);
      worker.registerActivitiesImplementations(
          RecordActivitiesOnDb.of(db, events, (r, step) -> GuardDecision.ALLOWED));
      temporal.start();
      for (int run = 0; run < 2; run++) {
        // The same workflow id each time, as a reset or a restarted purge would have: a new run.
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                EmitTwice.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("tenant-purge/prod/" + tenant)
                    .setTaskQueue("events")
                    .build())
            .emit(started);
      }
    }

    assertThat(events.findByTenant(tenant, "prod", 50))
        .extracting(DatasetEvent::type)
        .containsExactly(DatasetEventType.STEP_STARTED, DatasetEventType.STEP_STARTED);
  }
}
