package dev.warden.workflows.purge;

import io.temporal.testing.WorkflowReplayer;
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
    WorkflowReplayer.replayWorkflowExecution(json, TenantPurgeWorkflowImpl.class);
  }
}
