package dev.warden.workflows.purge;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records the history of a purge that awaits approval (the requester's own approval ignored, a
 * second user's taken), then runs its grace period and completes, for {@link
 * TenantPurgeWorkflowReplayTest}. Run it again only as {@link RecordPurgeHistory} says.
 */
public final class RecordApprovalHistory {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : TenantPurgeWorkflowReplayTest.APPROVAL_HISTORY);
    try (PurgeTestHarness h = new PurgeTestHarness()) {
      var workflow = h.start();
      var request = PurgeTestHarness.gdprRequest(3600, 1, Duration.ofDays(7).toSeconds(), 0);
      var execution = WorkflowClient.start(workflow::purge, request);
      h.env.sleep(Duration.ofHours(2));
      workflow.approvalRecorded(h.approval("user:dpo"));
      h.env.sleep(Duration.ofMinutes(5));
      workflow.approvalRecorded(h.approval("user:dpo-2"));
      h.writeHistory(execution, out);
    }
  }
}
