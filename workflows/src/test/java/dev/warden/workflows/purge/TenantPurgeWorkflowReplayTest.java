package dev.warden.workflows.purge;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded purges against today's workflow code: a non-deterministic change fails the
 * build. One from before approvals existed (grace period, failed step, operator retry, verification
 * repair, completion), one that awaited approval ({@link RecordApprovalHistory}), one with a
 * deadline extension, one written through transitions, one whose storage step fanned out over key
 * ranges ({@link RecordFanOutHistory}), one with the local preflight and one with all of these.
 */
class TenantPurgeWorkflowReplayTest {

  static final String HISTORY = "src/test/resources/histories/tenant-purge-retry-repair.json";
  static final String APPROVAL_HISTORY = "src/test/resources/histories/tenant-purge-approval.json";

  /** Recorded with the deadline extension and the residue event (their version markers). */
  static final String DEADLINE_HISTORY =
      "src/test/resources/histories/tenant-purge-deadline-extended.json";

  /**
   * Recorded with transitions (the record's writes, the guard and the legal-hold check in local
   * activities) and a kill switch that blocks the storage step once: {@code RecordPurgeHistory
   * tenant-purge-transitions.json deadline blocked}.
   */
  static final String TRANSITIONS_HISTORY =
      "src/test/resources/histories/tenant-purge-transitions.json";

  /** Recorded with the storage step fanned out over key ranges ({@link RecordFanOutHistory}). */
  static final String FAN_OUT_HISTORY =
      "src/test/resources/histories/tenant-purge-storage-fan-out.json";

  /**
   * Recorded with the preflight as a local activity ({@code preflight-local}), same scenario:
   * {@code RecordPurgeHistory tenant-purge-preflight-local.json deadline blocked}.
   */
  static final String PREFLIGHT_LOCAL_HISTORY =
      "src/test/resources/histories/tenant-purge-preflight-local.json";

  /**
   * Recorded with every version at once (transitions, local preflight, the storage step's plan and
   * key range), same scenario: {@code RecordPurgeHistory tenant-purge-all-versions.json deadline
   * blocked}.
   */
  static final String ALL_VERSIONS_HISTORY =
      "src/test/resources/histories/tenant-purge-all-versions.json";

  /**
   * Recorded with decisions taken only as the API recorded them ({@code recorded-decisions}): a
   * signal straight to Temporal refused, the recorded approval and extension taken ({@link
   * RecordDecisionHistory}).
   */
  static final String DECISIONS_HISTORY =
      "src/test/resources/histories/tenant-purge-recorded-decisions.json";

  // On a loaded build machine the first replay (class loading, JIT) can hold the workflow thread
  // past the SDK's 1 s deadlock detector; determinism, not speed, is what this test checks.
  static final long DEADLOCK_TIMEOUT_MS = 30_000;

  @ParameterizedTest
  @ValueSource(
      strings = {
        HISTORY,
        APPROVAL_HISTORY,
        DEADLINE_HISTORY,
        TRANSITIONS_HISTORY,
        FAN_OUT_HISTORY,
        PREFLIGHT_LOCAL_HISTORY,
        ALL_VERSIONS_HISTORY,
        DECISIONS_HISTORY
      })
  void givenARecordedPurge_whenReplayedOnTheCurrentCode_thenItIsDeterministic(String history)
      throws Exception {
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
