package dev.warden.workflows.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class TenantPurgeWorkflowTest {

  private static final PurgeRequest REQUEST =
      new PurgeRequest("p-1", "acme", "prod", "user:dpo", "GDPR art. 17", "GDPR-123", "t-1");

  private TestWorkflowEnvironment env;
  private final PurgeRecordActivities records =
      mock(PurgeRecordActivities.class, withSettings().withoutAnnotations());
  private final StorageActivities storage =
      mock(StorageActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.PURGE);
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    worker.registerActivitiesImplementations(records, storage);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private TenantPurgeWorkflow workflow() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            TenantPurgeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.tenantPurge("prod", "acme"))
                .setTaskQueue(TaskQueues.PURGE)
                .build());
  }

  @Test
  void givenAStorageStepThatSucceeds_whenPurged_thenStepsAreRecordedInOrderAndItCompletes() {
    when(storage.purgeTenantObjects(any())).thenReturn(new StepResult(PurgeStep.STORAGE, 7, 700));

    PurgeOutcome outcome = workflow().purge(REQUEST);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps()).containsExactly(new StepResult(PurgeStep.STORAGE, 7, 700));
    InOrder order = inOrder(records, storage);
    order.verify(records).markRunning(eq("p-1"), any());
    order.verify(records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_REQUESTED));
    order.verify(records).emit(argThat(e -> e.type() == PurgeEventType.STEP_STARTED));
    order.verify(storage).purgeTenantObjects(REQUEST);
    order.verify(records).recordStep("p-1", new StepResult(PurgeStep.STORAGE, 7, 700));
    order.verify(records).emit(argThat(e -> e.type() == PurgeEventType.STEP_COMPLETED));
    order.verify(records).complete(argThat(o -> o.status() == PurgeStatus.COMPLETED));
    order.verify(records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_COMPLETED));
  }

  @Test
  void givenAStorageStepThatKeepsFailing_whenPurged_thenItIsRetriedAndEndsFailedWithAnEvent() {
    when(storage.purgeTenantObjects(any()))
        .thenThrow(ApplicationFailure.newFailure("bucket unavailable", "test"));

    PurgeOutcome outcome = workflow().purge(REQUEST);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.FAILED);
    verify(storage, times(5)).purgeTenantObjects(REQUEST);
    verify(records).emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED));
    verify(records).emit(argThat(e -> e.type() == PurgeEventType.PURGE_FAILED));
    verify(records, never()).emit(argThat(e -> e.type() == PurgeEventType.PURGE_COMPLETED));
    verify(records, never()).recordStep(any(), any());
  }
}
