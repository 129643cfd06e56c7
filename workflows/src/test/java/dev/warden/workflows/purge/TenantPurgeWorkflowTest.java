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

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class TenantPurgeWorkflowTest {

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void givenStoresThatSucceed_whenPurged_thenEveryStepRunsGuardedInOrderAndTheReceiptIsClean() {
    PurgeOutcome outcome = h.start().purge(REQUEST);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps())
        .containsExactly(
            new StepResult(PurgeStep.STORAGE, 7, 700),
            new StepResult(PurgeStep.INDEX, 5, 0),
            new StepResult(PurgeStep.LOGS, 3, 30));
    assertThat(outcome.receipt().residue()).isEqualTo(StoreInventory.EMPTY);
    assertThat(outcome.receipt().partial()).isFalse();
    InOrder order = inOrder(h.records, h.guard, h.storage, h.index, h.logs, h.inventory);
    order.verify(h.records).markRunning(eq("p-1"), any());
    order.verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_REQUESTED));
    order.verify(h.guard).check(REQUEST, PurgeStep.STORAGE);
    order.verify(h.storage).purgeTenantShard(eq(REQUEST), any());
    order.verify(h.guard).check(REQUEST, PurgeStep.INDEX);
    order.verify(h.index).purgeTenantDocuments(REQUEST);
    order.verify(h.guard).check(REQUEST, PurgeStep.LOGS);
    order.verify(h.logs).purgeTenantLogs(REQUEST);
    order.verify(h.inventory).inventory(REQUEST);
    order.verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_VERIFIED));
    order.verify(h.records).complete(argThat(o -> o.status() == PurgeStatus.COMPLETED));
    order.verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_COMPLETED));
  }

  @Test
  void givenResidueAfterTheSteps_whenVerified_thenOnlyTheDirtyStepIsRepairedAndVerifiedAgain() {
    when(h.inventory.inventory(any()))
        .thenReturn(new StoreInventory(0, 0, 0, 4, 0, 0, 0), StoreInventory.EMPTY);

    PurgeOutcome outcome = h.start().purge(REQUEST);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    verify(h.index, times(2)).purgeTenantDocuments(REQUEST);
    verify(h.storage, times(1)).purgeTenantShard(eq(REQUEST), any());
    assertThat(outcome.steps()).contains(new StepResult(PurgeStep.INDEX, 10, 0));
  }

  @Test
  void
      givenAStepThatKeepsFailing_whenPurged_thenItParksInNeedsAttentionAndAnOperatorRetryResumesThere() {
    when(h.index.purgeTenantDocuments(any()))
        .thenThrow(ApplicationFailure.newFailureWithCause("index unavailable", "test", null))
        .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
        .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
        .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
        .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
        .thenReturn(new StepResult(PurgeStep.INDEX, 5, 0));
    var workflow = h.start();
    var execution = io.temporal.client.WorkflowClient.start(workflow::purge, REQUEST);

    h.env.sleep(java.time.Duration.ofMinutes(10));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    assertThat(workflow.progress().currentStep()).isEqualTo(PurgeStep.INDEX);
    assertThat(workflow.progress().lastFailure()).contains("index unavailable");
    verify(h.records)
        .emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED && e.step() == PurgeStep.INDEX));
    verify(h.index, times(5)).purgeTenantDocuments(REQUEST);

    workflow.retry("user:operator");
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    verify(h.storage, times(1)).purgeTenantShard(eq(REQUEST), any());
    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.STEP_STARTED
                        && e.step() == PurgeStep.INDEX
                        && e.attempt() == 2
                        && "user:operator".equals(e.attributes().get("retriedBy"))));
  }

  @Test
  void givenAGracePeriod_whenCancelledDuringIt_thenNothingIsDeletedAndTheReceiptIsPartial() {
    var workflow = h.start();
    var request = PurgeTestHarness.request(72 * 3600, false, 0, 0, 0);
    var execution = io.temporal.client.WorkflowClient.start(workflow::purge, request);

    h.env.sleep(java.time.Duration.ofHours(1));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.WAITING_GRACE_PERIOD);
    workflow.cancelRecorded(h.cancel("user:dpo", "customer withdrew the request"));
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    assertThat(outcome.receipt().partial()).isTrue();
    assertThat(outcome.receipt().stopReason()).contains("customer withdrew");
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_CANCELLED));
  }

  @Test
  void givenAGracePeriodThatRunsOut_whenNothingStopsIt_thenThePurgeRunsAfterIt() {
    var request = PurgeTestHarness.request(72 * 3600, false, 0, 0, 0);
    long before = h.env.currentTimeMillis();

    PurgeOutcome outcome = h.start().purge(request);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().completedAtMillis() - before)
        .isGreaterThanOrEqualTo(72 * 3600_000L);
  }

  @Test
  void givenALegalHold_whenPurged_thenNothingIsDeleted() {
    when(h.records.legalHoldActive("acme", "prod")).thenReturn(true);

    PurgeOutcome outcome = h.start().purge(REQUEST);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    assertThat(outcome.receipt().stopReason()).contains("legal hold");
    verify(h.storage, never()).purgeTenantShard(any(), any());
  }

  @Test
  void givenAHoldPlacedDuringTheGracePeriod_whenSignalled_thenThePurgeStops() {
    var workflow = h.start();
    var request = PurgeTestHarness.request(3600, false, 0, 0, 0);
    var execution = io.temporal.client.WorkflowClient.start(workflow::purge, request);
    h.env.sleep(java.time.Duration.ofMinutes(5));

    workflow.legalHoldPlaced("user:legal", "litigation 42");
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    assertThat(outcome.receipt().stopReason()).contains("litigation 42");
    verify(h.storage, never()).purgeTenantShard(any(), any());
  }

  @Test
  void givenADryRun_whenPurged_thenItCountsAndDeletesNothing() {
    when(h.inventory.inventory(any())).thenReturn(new StoreInventory(12, 1200, 3, 40, 5, 6, 1));
    var request = PurgeTestHarness.request(3600, true, 0, 0, 0);

    PurgeOutcome outcome = h.start().purge(request);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().dryRun()).isTrue();
    assertThat(outcome.receipt().wouldDelete().objects()).isEqualTo(12);
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.index, never()).purgeTenantDocuments(any());
    verify(h.logs, never()).purgeTenantLogs(any());
  }
}
