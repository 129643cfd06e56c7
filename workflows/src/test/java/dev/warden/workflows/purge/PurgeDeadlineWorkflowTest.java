package dev.warden.workflows.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The due date in Temporal (WardenDueAt follows extensions) and residue events for the metrics. */
class PurgeDeadlineWorkflowTest {

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void givenAPurgeInItsGracePeriod_whenTheDeadlineIsExtended_thenWardenDueAtMoves() {
    Instant due = Instant.parse("2026-12-01T00:00:00Z");
    Instant extended = due.plus(Duration.ofDays(30));
    PurgeRequest request = PurgeTestHarness.request(3_600, false, 0, 0, due.toEpochMilli());
    TenantPurgeWorkflow workflow = h.start();
    WorkflowClient.start(workflow::purge, request);
    h.env.sleep(Duration.ofSeconds(5));

    workflow.extensionRecorded(h.extension("user:dpo", extended.toEpochMilli()));
    workflow.extensionRecorded(
        h.extension("user:dpo", due.toEpochMilli())); // an older date never wins
    h.env.sleep(Duration.ofSeconds(5));

    OffsetDateTime shown =
        WorkflowStub.fromTyped(workflow)
            .describe()
            .getTypedSearchAttributes()
            .get(SearchAttributes.DUE_AT);
    assertThat(shown.toInstant()).isEqualTo(extended);
    workflow.cancelRecorded(h.cancel("user:dpo", "test over"));
  }

  @Test
  void givenResidueAfterTheSteps_whenVerified_thenResidueIsAnEventAndTheRepairSaysSo() {
    when(h.inventory.inventory(any()))
        .thenReturn(new StoreInventory(0, 0, 0, 4, 0, 0, 0), StoreInventory.EMPTY);

    h.start().purge(PurgeTestHarness.REQUEST);

    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.PURGE_RESIDUE_FOUND
                        && "4".equals(e.attributes().get("index"))
                        && "0".equals(e.attributes().get("storage"))));
    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.STEP_STARTED
                        && e.step() == PurgeStep.INDEX
                        && "true".equals(e.attributes().get("repair"))));
  }
}
