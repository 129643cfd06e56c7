package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.TransitionResult;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The purge's record written through transitions: what a purge costs and what it still writes. */
class PurgeTransitionsTest {

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void
      givenASmallTenant_whenItRuns_thenOnlyTheStoresAreServerActivitiesAndTheRecordTakesSixLocal() {
    // the tenant's objects fit in one listing page: the plan activity purges them itself
    when(h.storage.planTenantShards(any()))
        .thenReturn(StoragePlan.purged(new StepResult(PurgeStep.STORAGE, 7, 700), 4));

    assertThat(h.start().purge(REQUEST).status()).isEqualTo(PurgeStatus.COMPLETED);

    List<HistoryEvent> history = history();
    // storage (its plan, which purged the one page), index, logs, verification's count: the
    // record's writes, the guard and the legal-hold check go in 6 transitions (begin, 3 step
    // starts, verifying, receipt), and the preflight is a local activity too (7 markers)
    assertThat(scheduledActivities(history))
        .containsExactly(
            "PlanTenantShards", "PurgeTenantDocuments", "PurgeTenantLogs", "Inventory");
    assertThat(history)
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filteredOn(
            e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
        .hasSize(7);
    verify(h.preflight).preflight(REQUEST);
    verify(h.records)
        .recordStep(eq("p-1"), argThat(t -> t.step() == PurgeStep.STORAGE && t.items() == 7));
  }

  @Test
  void givenALargerTenant_whenItRuns_thenStorageIsItsPlanAndItsKeyRanges() {
    assertThat(h.start().purge(REQUEST).status()).isEqualTo(PurgeStatus.COMPLETED);

    assertThat(scheduledActivities(history()))
        .containsExactly(
            "PlanTenantShards",
            "PurgeTenantShard",
            "PurgeTenantDocuments",
            "PurgeTenantLogs",
            "Inventory");
  }

  @Test
  void givenAPreflightThatFailsLocally_whenThePurgeBegins_thenTheServerRunsItAndThePurgeEnds() {
    when(h.preflight.preflight(any()))
        .thenThrow(ApplicationFailure.newFailure("OpenSearch answered 503", "STORE_UNAVAILABLE"))
        .thenReturn(List.of());

    assertThat(h.start().purge(REQUEST).status()).isEqualTo(PurgeStatus.COMPLETED);

    assertThat(scheduledActivities(history())).startsWith("Preflight", "PlanTenantShards");
    verify(h.preflight, times(2)).preflight(REQUEST);
  }

  @Test
  void givenANewPurge_whenAStepEnds_thenItsCompletionIsWrittenBeforeTheNextStepStarts() {
    h.start().purge(REQUEST);

    InOrder order = inOrder(h.records, h.guard, h.storage, h.index);
    order.verify(h.guard).check(REQUEST, PurgeStep.STORAGE);
    order
        .verify(h.records)
        .setStatus("p-1", PurgeStatus.RUNNING, PurgeStep.STORAGE, "step STORAGE, attempt 1");
    order
        .verify(h.records)
        .emit(
            argThat(e -> e.type() == PurgeEventType.STEP_STARTED && e.step() == PurgeStep.STORAGE));
    order.verify(h.storage).purgeTenantShard(eq(REQUEST), any());
    order
        .verify(h.records)
        .recordStep(eq("p-1"), argThat(t -> t.step() == PurgeStep.STORAGE && t.items() == 7));
    order
        .verify(h.records)
        .emit(
            argThat(
                e -> e.type() == PurgeEventType.STEP_COMPLETED && e.step() == PurgeStep.STORAGE));
    order.verify(h.guard).check(REQUEST, PurgeStep.INDEX);
    order
        .verify(h.records)
        .emit(argThat(e -> e.type() == PurgeEventType.STEP_STARTED && e.step() == PurgeStep.INDEX));
    order.verify(h.index).purgeTenantDocuments(REQUEST);
  }

  @Test
  void
      givenAnEngagedSwitch_whenTheGuardBlocksTheStep_thenItsStartIsNotWrittenUntilTheSwitchIsReleased() {
    when(h.guard.check(any(), eq(PurgeStep.INDEX)))
        .thenReturn(
            GuardDecision.blocked("ks-1", "action:purge", "maintenance"), GuardDecision.ALLOWED);

    assertThat(h.start().purge(REQUEST).status()).isEqualTo(PurgeStatus.COMPLETED);

    InOrder order = inOrder(h.records, h.index);
    order
        .verify(h.records)
        .setStatus(eq("p-1"), eq(PurgeStatus.BLOCKED_BY_KILL_SWITCH), eq(PurgeStep.INDEX), any());
    order.verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.KILL_SWITCH_BLOCKED));
    order
        .verify(h.records)
        .setStatus("p-1", PurgeStatus.RUNNING, PurgeStep.INDEX, "step INDEX, attempt 1");
    order
        .verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.STEP_STARTED
                        && e.step() == PurgeStep.INDEX
                        && e.attempt() == 1));
    order.verify(h.index).purgeTenantDocuments(REQUEST);
    verify(h.records, never())
        .emit(argThat(e -> e.type() == PurgeEventType.STEP_STARTED && e.attempt() == 2));
  }

  @Test
  void
      givenATransitionThatKeepsFailingLocally_whenThePurgeBegins_thenTheServerRunsItAndThePurgeEnds() {
    AtomicInteger localFailures = new AtomicInteger();
    h.recordsAs(
        records ->
            new TransitionsAsCalls(h.records, h.guard) {
              @Override
              public TransitionResult transition(dev.warden.workflows.contract.Transition t) {
                if (Activity.getExecutionContext().getInfo().isLocal() && t.askLegalHold()) {
                  localFailures.incrementAndGet();
                  throw new IllegalStateException("PostgreSQL is not answering this worker");
                }
                return super.transition(t);
              }
            });

    assertThat(h.start().purge(REQUEST).status()).isEqualTo(PurgeStatus.COMPLETED);

    assertThat(localFailures).hasValueGreaterThan(1); // retried in the worker first
    assertThat(scheduledActivities(history())).startsWith("Transition", "PlanTenantShards");
    verify(h.records).markRunning(eq("p-1"), any());
    verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_REQUESTED));
  }

  private List<HistoryEvent> history() {
    return h.env
        .getWorkflowClient()
        .fetchHistory(WorkflowIds.tenantPurge("prod", "acme"))
        .getHistory()
        .getEventsList();
  }

  private static List<String> scheduledActivities(List<HistoryEvent> history) {
    return history.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }
}
