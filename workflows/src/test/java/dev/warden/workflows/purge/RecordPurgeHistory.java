package dev.warden.workflows.purge;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records the history of a purge that goes through a grace period, a failed step, an operator
 * retry, a verification repair and completion, for {@link TenantPurgeWorkflowReplayTest}; with a
 * second argument {@code deadline}, the purge also has a due date that is extended during the grace
 * period (the {@code deadline-extension} and {@code residue-event} versions); with {@code blocked}
 * as well, a kill switch blocks the storage step at its first check (recorded with the {@code
 * transitions} version: the guard and the steps' starts travel in transitions). Run it again (main
 * method, test classpath) only when a workflow change is meant to be incompatible, and then guard
 * the change with {@code Workflow.getVersion} instead where purges may be running.
 */
public final class RecordPurgeHistory {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : TenantPurgeWorkflowReplayTest.HISTORY);
    try (PurgeTestHarness h = new PurgeTestHarness()) {
      when(h.index.purgeTenantDocuments(any()))
          .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
          .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
          .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
          .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
          .thenThrow(ApplicationFailure.newFailure("index unavailable", "test"))
          .thenReturn(new StepResult(PurgeStep.INDEX, 5, 0));
      when(h.inventory.inventory(any()))
          .thenReturn(new StoreInventory(0, 0, 0, 0, 0, 3, 0), StoreInventory.EMPTY);
      java.util.List<String> flags = java.util.Arrays.asList(args);
      if (flags.contains("blocked")) {
        when(h.guard.check(any(), org.mockito.ArgumentMatchers.eq(PurgeStep.STORAGE)))
            .thenReturn(
                dev.warden.workflows.contract.GuardDecision.blocked(
                    "ks-1", "action:purge", "maintenance"),
                dev.warden.workflows.contract.GuardDecision.ALLOWED);
      }
      var workflow = h.start();
      boolean deadline = flags.contains("deadline");
      long due = java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
      var request = PurgeTestHarness.gdprRequest(3600, 0, 0, deadline ? due : 0);
      var execution = WorkflowClient.start(workflow::purge, request);
      if (deadline) {
        h.env.sleep(Duration.ofMinutes(10));
        workflow.extensionRecorded(h.extension("user:dpo", due + Duration.ofDays(30).toMillis()));
      }
      h.env.sleep(Duration.ofHours(2));
      workflow.retry("user:operator");
      h.writeHistory(execution, out);
    }
  }
}
