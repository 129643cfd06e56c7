package dev.warden.workflows.purge;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.IndexActivities;
import dev.warden.workflows.contract.InventoryActivities;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PreflightActivities;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The purge's activity stubs, with their timeouts and retry policies in one place. */
final class PurgeStubs {

  // Our own PostgreSQL and the kill-switch cache: short calls, retried until they are back.
  private static final ActivityOptions SHORT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build();

  // A store step can run for hours on a large tenant. The heartbeat timeout is what detects a
  // dead worker; a retry resumes from the last heartbeated cursor. Five attempts, then an
  // operator decides (NEEDS_ATTENTION) instead of retrying blindly forever.
  private static final ActivityOptions STORE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(12))
          .setHeartbeatTimeout(Duration.ofSeconds(20))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(Failures.nonRetryable())
                  .build())
          .build();

  // Counting is read-only and may take a while on a large tenant; it is safe to retry.
  private static final ActivityOptions COUNT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(5)
                  .setDoNotRetry(Failures.nonRetryable())
                  .build())
          .build();

  final PurgeRecordActivities records =
      Workflow.newActivityStub(PurgeRecordActivities.class, SHORT);
  final GuardActivities guard = Workflow.newActivityStub(GuardActivities.class, SHORT);

  InventoryActivities inventory(String summary) {
    return Workflow.newActivityStub(
        InventoryActivities.class, COUNT.toBuilder().setSummary(summary).build());
  }

  PreflightActivities preflight(String summary) {
    return Workflow.newActivityStub(
        PreflightActivities.class, COUNT.toBuilder().setSummary(summary).build());
  }

  /**
   * Runs one store step; the summary shows in Temporal UI's event history. STORAGE fans out over
   * key ranges ({@link StorageFanOut}); histories recorded before that run it as one activity.
   */
  StepResult run(PurgeStep step, PurgeRequest request) {
    ActivityOptions options = STORE.toBuilder().setSummary(summary(step, request)).build();
    return switch (step) {
      case STORAGE ->
          Workflow.getVersion(StorageFanOut.CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
                  == Workflow.DEFAULT_VERSION
              ? Workflow.newActivityStub(StorageActivities.class, options)
                  .purgeTenantObjects(request)
              : new StorageFanOut(
                      COUNT.toBuilder()
                          .setSummary("Plan key ranges under tenants/" + request.tenantId() + "/")
                          .build(),
                      STORE)
                  .run(request);
      case INDEX ->
          Workflow.newActivityStub(IndexActivities.class, options).purgeTenantDocuments(request);
      case LOGS -> Workflow.newActivityStub(LogActivities.class, options).purgeTenantLogs(request);
    };
  }

  private static String summary(PurgeStep step, PurgeRequest r) {
    return switch (step) {
      case STORAGE -> "Delete objects under tenants/" + r.tenantId() + "/ (all versions)";
      case INDEX -> "Delete documents of " + r.tenantId() + " from docs-" + r.env();
      case LOGS -> "Delete " + r.tenantId() + " from logs-" + r.env() + "-* and log archives";
    };
  }
}
