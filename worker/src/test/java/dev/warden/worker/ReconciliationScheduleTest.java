package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.engines.reconcile.ReconcileProperties;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.TaskQueues;
import io.grpc.Status;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.workflow.Functions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The Schedule as the worker asks ScheduleClient for it (a real server is needed to run it). */
class ReconciliationScheduleTest {

  static final ReconcileProperties DEFAULTS =
      new ReconcileProperties(
          "0 2 * * *", Duration.ofMinutes(10), Duration.ofHours(6), true, "sweep", 1000, 200);

  ScheduleClient schedules = mock(ScheduleClient.class);
  ReconciliationScheduleSpec spec = ReconciliationScheduleSpec.of("prod", DEFAULTS);

  @Test
  void givenAFreshServer_whenTheWorkerStarts_thenItCreatesTheNightlyScheduleWithTheSpec() {
    var outcome = new ReconciliationSchedule(schedules, spec).ensure();

    ArgumentCaptor<Schedule> created = ArgumentCaptor.forClass(Schedule.class);
    verify(schedules).createSchedule(eq("quota-reconciliation/prod"), created.capture(), any());
    assertThat(outcome).isEqualTo(ReconciliationSchedule.Outcome.CREATED);
    Schedule s = created.getValue();
    assertThat(s.getSpec().getCronExpressions()).containsExactly("0 2 * * *");
    assertThat(s.getSpec().getTimeZoneName()).isEqualTo("UTC");
    assertThat(s.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(s.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofHours(6));
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) s.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("QuotaReconciliationWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("quota-reconciliation/prod");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(TaskQueues.RECONCILE);
    assertThat(action.getArguments().get(0, ReconciliationRequest.class))
        .isEqualTo(ReconciliationRequest.nightly("prod"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenTheScheduleExists_whenTheWorkerRestarts_thenItUpdatesItKeepingItsPausedState() {
    when(schedules.createSchedule(any(), any(), any()))
        .thenThrow(new ScheduleAlreadyRunningException(null));
    ScheduleHandle handle = mock(ScheduleHandle.class);
    when(schedules.getHandle("quota-reconciliation/prod")).thenReturn(handle);

    var outcome = new ReconciliationSchedule(schedules, spec).ensure();

    assertThat(outcome).isEqualTo(ReconciliationSchedule.Outcome.UPDATED);
    ArgumentCaptor<Functions.Func1<ScheduleUpdateInput, ScheduleUpdate>> update =
        ArgumentCaptor.forClass(Functions.Func1.class);
    verify(handle).update(update.capture());
    ScheduleState paused = ScheduleState.newBuilder().setPaused(true).setNote("ops").build();
    ScheduleDescription description = mock(ScheduleDescription.class);
    when(description.getSchedule())
        .thenReturn(Schedule.newBuilder(spec.schedule()).setState(paused).build());
    ScheduleUpdate applied = update.getValue().apply(new ScheduleUpdateInput(description));
    assertThat(applied.getSchedule().getState().isPaused()).isTrue();
    assertThat(applied.getSchedule().getSpec().getCronExpressions()).containsExactly("0 2 * * *");
  }

  @Test
  void givenAServerWithoutSchedules_whenAskedForOne_thenOnlyUnimplementedIsToleratedAndSaidSo() {
    assertThat(ReconciliationSchedule.unimplemented(Status.UNIMPLEMENTED.asRuntimeException()))
        .isTrue();
    assertThat(
            ReconciliationSchedule.unimplemented(
                new RuntimeException(Status.UNAVAILABLE.asRuntimeException())))
        .isFalse();
    when(schedules.createSchedule(any(), any(), any()))
        .thenThrow(Status.UNIMPLEMENTED.asRuntimeException());
    assertThat(new ReconciliationSchedule(schedules, spec).ensure())
        .isEqualTo(ReconciliationSchedule.Outcome.NO_SCHEDULES_ON_THIS_SERVER);

    ScheduleClient refusing = mock(ScheduleClient.class);
    when(refusing.createSchedule(any(), any(), any()))
        .thenThrow(Status.PERMISSION_DENIED.asRuntimeException());
    assertThatThrownBy(() -> new ReconciliationSchedule(refusing, spec).ensure())
        .hasMessageContaining("PERMISSION_DENIED");
  }

  @Test
  void givenACronThatDoesNotParse_whenTheWorkerStarts_thenItRefusesWithAClearMessage() {
    for (String bad : new String[] {"0 2 * *", "61 2 * * *", "every night", "", "0 0 2 * * *"}) {
      assertThatThrownBy(
              () ->
                  ReconciliationScheduleSpec.of(
                      "prod",
                      new ReconcileProperties(
                          bad, Duration.ZERO, Duration.ofHours(1), true, "sweep", 1000, 200)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WARDEN_RECONCILE_CRON='" + bad + "'")
          .hasMessageContaining("5 fields");
    }
    assertThat(ReconciliationScheduleSpec.validCron(" 30 1 * * 1-5 ")).isEqualTo("30 1 * * 1-5");
  }
}
