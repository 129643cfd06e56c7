package dev.warden.workflows.purge;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records the history of a purge with {@code recorded-decisions}: it awaits approval, ignores an
 * approval sent straight to Temporal naming a second person and one naming no recorded decision,
 * takes the approval the API recorded, has its deadline extended during the grace period and
 * completes, for {@link TenantPurgeWorkflowReplayTest}. Run it again only as {@link
 * RecordPurgeHistory} says.
 */
public final class RecordDecisionHistory {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : TenantPurgeWorkflowReplayTest.DECISIONS_HISTORY);
    try (PurgeTestHarness h = new PurgeTestHarness()) {
      var workflow = h.start();
      long due = h.env.currentTimeMillis() + Duration.ofDays(30).toMillis();
      var request = PurgeTestHarness.gdprRequest(3600, 1, Duration.ofDays(7).toSeconds(), due);
      var execution = WorkflowClient.start(workflow::purge, request);
      h.env.sleep(Duration.ofHours(2));
      workflow.approve("user:dpo-2");
      workflow.approvalRecorded("00000000-0000-0000-0000-000000000000");
      h.env.sleep(Duration.ofMinutes(5));
      workflow.approvalRecorded(h.approval("user:dpo-2"));
      h.env.sleep(Duration.ofMinutes(5));
      workflow.extensionRecorded(h.extension("user:dpo", due + Duration.ofDays(30).toMillis()));
      h.writeHistory(execution, out);
    }
  }
}
