package dev.warden.workflows.purge;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded purge (grace period, failed step, operator retry, verification repair,
 * completion) against today's workflow code: a non-deterministic change fails the build.
 */
class TenantPurgeWorkflowReplayTest {

  static final String HISTORY = "src/test/resources/histories/tenant-purge-retry-repair.json";

  /** Recorded with the deadline extension and the residue event (their version markers). */
  static final String DEADLINE_HISTORY =
      "src/test/resources/histories/tenant-purge-deadline-extended.json";

  // On a loaded build machine the first replay (class loading, JIT) can hold the workflow thread
  // past the SDK's 1 s deadlock detector; determinism, not speed, is what this test checks.
  static final long DEADLOCK_TIMEOUT_MS = 30_000;

  @Test
  void givenARecordedPurge_whenReplayedOnTheCurrentCode_thenItIsDeterministic() throws Exception {
    replay(HISTORY);
  }

  @Test
  void givenAPurgeWhoseDeadlineWasExtended_whenReplayed_thenItIsDeterministic() throws Exception {
    replay(DEADLINE_HISTORY);
  }

  private static void replay(String history) throws Exception {
    String json = Files.readString(Path.of(history));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(DEADLOCK_TIMEOUT_MS)
                  .build());
      worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), worker);
    }
  }
}
