package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Archive lines nobody can attribute are kept, and the receipt and the audit trail say so. */
class UnattributableLinesWorkflowTest {

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void givenUnattributableArchiveLines_whenPurged_thenTheReceiptAndAnEventCountThem() {
    when(h.logs.purgeTenantLogs(any())).thenReturn(new StepResult(PurgeStep.LOGS, 3, 30, 4));
    // A repair re-runs the logs step, which scans every archive again: still 4, not 8.
    when(h.inventory.inventory(any()))
        .thenReturn(new StoreInventory(0, 0, 0, 0, 0, 1, 0))
        .thenReturn(StoreInventory.EMPTY);

    PurgeOutcome outcome = h.start().purge(REQUEST);

    assertThat(outcome.receipt().deleted())
        .filteredOn(s -> s.step() == PurgeStep.LOGS)
        .singleElement()
        .satisfies(s -> assertThat(s.unattributable()).isEqualTo(4));
    // One event per logs run (the first and the repair), each with its own attempt number.
    verify(h.records, times(2))
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.LOG_LINES_UNATTRIBUTABLE
                        && e.step() == PurgeStep.LOGS
                        && "4".equals(e.attributes().get("lines"))));
  }
}
