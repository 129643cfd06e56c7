package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A count (dry run, verification) that exhausts its retries parks the purge in NEEDS_ATTENTION; the
 * workflow never fails and so never leaves its PostgreSQL record active with no workflow behind it.
 */
class PurgeParkingTest {

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void givenADryRunWhoseCountKeepsFailing_whenPurged_thenItParksAndARetryFinishesIt() {
    ApplicationFailure down = ApplicationFailure.newFailure("opensearch down", "test");
    when(h.inventory.inventory(any()))
        .thenThrow(down, down, down, down, down)
        .thenReturn(new StoreInventory(3, 30, 0, 0, 0, 0, 0));
    PurgeRequest dryRun = PurgeTestHarness.request(0, true, 0, 0, 0);

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, dryRun);
    h.env.sleep(Duration.ofMinutes(10));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    assertThat(describe(execution.getWorkflowId()).getStatus().name())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    verify(h.records)
        .setStatus(
            argThat("p-1"::equals),
            argThat(PurgeStatus.NEEDS_ATTENTION::equals),
            argThat(s -> s == null),
            argThat(d -> d.contains("opensearch down")));
    verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED));

    workflow.retry("user:operator");
    PurgeOutcome outcome = result(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().wouldDelete().objects()).isEqualTo(3);
  }

  @Test
  void givenAVerificationThatKeepsFailing_whenCancelledWhileParked_thenItEndsCancelled() {
    ApplicationFailure down = ApplicationFailure.newFailure("s3 down", "test");
    when(h.inventory.inventory(any())).thenThrow(down);

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(10));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    workflow.cancelRecorded(h.cancel("user:dpo", "give up"));
    PurgeOutcome outcome = result(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    assertThat(outcome.receipt().partial()).isTrue();
    assertThat(outcome.receipt().stopReason()).contains("give up");
  }

  private WorkflowExecutionDescription describe(String workflowId) {
    return h.env.getWorkflowClient().newUntypedWorkflowStub(workflowId).describe();
  }

  private PurgeOutcome result(String workflowId) {
    return h.env
        .getWorkflowClient()
        .newUntypedWorkflowStub(workflowId)
        .getResult(PurgeOutcome.class);
  }
}
