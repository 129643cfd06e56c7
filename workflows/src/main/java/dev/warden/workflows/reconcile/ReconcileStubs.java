package dev.warden.workflows.reconcile;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.LedgerActivities;
import dev.warden.workflows.contract.UsageActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The reconciliation's activity stubs, with their timeouts and retry policies in one place. */
final class ReconcileStubs {

  // A store that is down for a while must not end the night's run at once, but a run that
  // cannot make progress for about half an hour fails as a whole (the ledger stays as it was).
  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(2))
          .setMaximumAttempts(20)
          .setDoNotRetry(Failures.INVALID_REQUEST.type())
          .build();

  // Our own PostgreSQL and the kill-switch cache: short calls.
  private static final ActivityOptions SHORT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(RETRY)
          .build();

  // One call lists for a few minutes at most; the heartbeat timeout detects a dead worker and the
  // retry resumes from the last heartbeated cursor. It heartbeats once per listing page: 10 s
  // timed out again and again on a 100,000-object tenant whose pages took longer on a loaded store.
  private static final ActivityOptions LISTING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RETRY)
          .build();

  // A page of tenants: one transaction and one index count each.
  private static final ActivityOptions PAGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RETRY)
          .build();

  final LedgerActivities ledger = Workflow.newActivityStub(LedgerActivities.class, SHORT);
  final LedgerActivities pages = Workflow.newActivityStub(LedgerActivities.class, PAGE);
  final UsageActivities usage = Workflow.newActivityStub(UsageActivities.class, LISTING);
}
