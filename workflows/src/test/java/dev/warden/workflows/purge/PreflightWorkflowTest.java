package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store that cannot be purged exactly parks the purge before anything is deleted. */
class PreflightWorkflowTest {

  private static final String PROBLEM = "logs-prod-app maps tenant_id as text without a keyword";

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void givenAnUnpurgeableIndex_whenPurged_thenItWaitsBeforeDeletingAndRunsOnceFixed() {
    when(h.preflight.preflight(any())).thenReturn(List.of(PROBLEM)).thenReturn(List.of());
    var workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);

    h.env.sleep(Duration.ofMinutes(5));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.index, never()).purgeTenantDocuments(any());
    verify(h.records)
        .setStatus(
            argThat(id -> true),
            argThat(s -> s == PurgeStatus.NEEDS_ATTENTION),
            argThat(s -> s == null),
            argThat(d -> d.contains("nothing deleted") && d.contains(PROBLEM)));
    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.PURGE_PREFLIGHT_FAILED
                        && e.attributes().get("cause").contains(PROBLEM)));

    workflow.retry("user:operator");
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    verify(h.preflight, times(2)).preflight(REQUEST);
    verify(h.storage).purgeTenantShard(eq(REQUEST), any());
  }

  @Test
  void givenAnUnpurgeableIndex_whenDryRun_thenItAsksAnOperatorInsteadOfFailing() {
    when(h.preflight.preflight(any())).thenReturn(List.of(PROBLEM));
    var request = PurgeTestHarness.request(0, true, 0, 0, 0);
    var workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, request);

    h.env.sleep(Duration.ofMinutes(5));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    verify(h.inventory, never()).inventory(any());
    workflow.cancelRecorded(h.cancel("user:dpo", "mapping is being fixed"));
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    verify(h.storage, never()).purgeTenantShard(any(), any());
  }
}
