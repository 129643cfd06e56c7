package dev.warden.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every recorded reconciliation run (a kill-switch block, continue-as-new, a tenant that
 * fails and is retried; see {@link RecordReconciliationHistory}) against today's workflow code: a
 * non-deterministic change fails the build.
 */
class QuotaReconciliationWorkflowReplayTest {

  static final String DIR = "src/test/resources/histories/quota-reconciliation";

  // As in the purge's replay test: a loaded machine may hold the first replay past 1 s.
  static final long DEADLOCK_TIMEOUT_MS = 30_000;

  @Test
  void givenRecordedRuns_whenReplayedOnTheCurrentCode_thenEachIsDeterministic() throws Exception {
    List<Path> runs = recorded();
    assertThat(runs).isNotEmpty();
    boolean continuedAsNew = false;
    for (Path run : runs) {
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(run));
      continuedAsNew |=
          history.getLastEvent().getEventType()
              == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;
      try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
        Worker worker =
            env.newWorker(
                "replay",
                WorkerOptions.newBuilder()
                    .setDefaultDeadlockDetectionTimeout(DEADLOCK_TIMEOUT_MS)
                    .build());
        worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecution(history, worker);
      }
    }
    assertThat(continuedAsNew).as("a recorded run ends in continue-as-new").isTrue();
  }

  private static List<Path> recorded() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(DIR))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
