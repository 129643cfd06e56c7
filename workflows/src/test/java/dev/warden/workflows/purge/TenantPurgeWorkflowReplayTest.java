package dev.warden.workflows.purge;

import io.temporal.internal.common.WorkflowExecutionHistory;
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

  @Test
  void givenARecordedPurge_whenReplayedOnTheCurrentCode_thenItIsDeterministic() throws Exception {
    String json = Files.readString(Path.of(HISTORY));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // A loaded build machine can take over a second to load the classes the first workflow
      // task needs; that is not a deadlock, and must not fail the determinism check.
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), worker);
    }
  }
}
