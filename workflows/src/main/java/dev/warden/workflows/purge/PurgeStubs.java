package dev.warden.workflows.purge;

import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.IndexActivities;
import dev.warden.workflows.contract.InventoryActivities;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PreflightActivities;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/** The purge's activity stubs, with their timeouts and retry policies in one place. */
final class PurgeStubs {

  private static final Logger log = Workflow.getLogger(PurgeStubs.class);

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

  // The storage plan heartbeats after every listing page and purges a tenant that fits in one
  // page itself: a dead worker is noticed within a minute (a planning listing can take longer
  // than a range's page on a store that walks the whole prefix), and a retry resumes its cursor.
  // Timeouts are not part of the commands a replay compares, so old histories replay unchanged.
  private static final ActivityOptions PLAN =
      STORE.toBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
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

  // A transition is one short PostgreSQL transaction: run in the worker as a local activity, it
  // costs no round trip through the server (its result is a marker in the next workflow task's
  // completion). A worker that dies meanwhile fails the workflow task; the next worker replays
  // and runs the transition again, which is safe (every write is idempotent). Its retries stay in
  // the worker for a few seconds only: past them the same transition goes to the server as an
  // activity (SHORT), whose retries cost no history however long PostgreSQL is away, instead of
  // a local retry loop of timers and markers.
  private static final LocalActivityOptions TRANSITION =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(5))
          .setScheduleToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setMaximumInterval(Duration.ofSeconds(2))
                  .build())
          .build();

  // The preflight reads two mappings: run in the worker as a local activity it costs no round trip
  // and no workflow task of its own (it shares the first one with the transitions around it).
  // One attempt only: any failure hands the same preflight to the server activity (COUNT), whose
  // retries and outage waits are the preflight's as before.
  private static final LocalActivityOptions PREFLIGHT_LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  final PurgeRecordActivities records =
      Workflow.newActivityStub(PurgeRecordActivities.class, SHORT);
  private final PurgeRecordActivities localRecords =
      Workflow.newLocalActivityStub(PurgeRecordActivities.class, TRANSITION);
  final GuardActivities guard = Workflow.newActivityStub(GuardActivities.class, SHORT);

  /** Applies a transition locally; when that keeps failing, through the server. */
  TransitionResult transition(Transition transition) {
    try {
      return localRecords.transition(transition);
    } catch (ActivityFailure local) {
      log.warn("transition failed locally, handing it to the server: {}", local.getMessage());
      return records.transition(transition);
    }
  }

  /**
   * Takes a signalled decision locally (one short read-and-mark in PostgreSQL, no round trip); when
   * that keeps failing, through the server, whose retries wait PostgreSQL out: a decision the API
   * recorded is never dropped because the database blinked.
   */
  PurgeDecision takeDecision(DecisionSignal signal) {
    try {
      return localRecords.takeDecision(signal);
    } catch (ActivityFailure local) {
      log.warn("decision check failed locally, handing it to the server: {}", local.getMessage());
      return records.takeDecision(signal);
    }
  }

  InventoryActivities inventory(String summary) {
    return Workflow.newActivityStub(
        InventoryActivities.class, COUNT.toBuilder().setSummary(summary).build());
  }

  PreflightActivities preflight(String summary) {
    return Workflow.newActivityStub(
        PreflightActivities.class, COUNT.toBuilder().setSummary(summary).build());
  }

  /** The preflight in the worker; when that fails, through the server with its retries. */
  List<String> preflightLocally(String summary, PurgeRequest request) {
    try {
      return Workflow.newLocalActivityStub(
              PreflightActivities.class, PREFLIGHT_LOCAL.toBuilder().setSummary(summary).build())
          .preflight(request);
    } catch (ActivityFailure local) {
      log.warn("preflight failed locally, handing it to the server: {}", local.getMessage());
      return preflight(summary).preflight(request);
    }
  }

  /**
   * Runs one store step; the summary shows in Temporal UI's event history. STORAGE fans out over
   * key ranges ({@link StorageFanOut}); histories recorded before that run it as one activity.
   */
  StepResult run(PurgeStep step, PurgeRequest request) {
    ActivityOptions options = STORE.toBuilder().setSummary(summary(step, request)).build();
    return switch (step) {
      case STORAGE ->
          Workflow.getVersion(Purge.STORAGE_FAN_OUT, Workflow.DEFAULT_VERSION, 1)
                  == Workflow.DEFAULT_VERSION
              ? Workflow.newActivityStub(StorageActivities.class, options)
                  .purgeTenantObjects(request)
              : new StorageFanOut(
                      PLAN.toBuilder()
                          .setSummary(
                              "Delete objects under tenants/"
                                  + request.tenantId()
                                  + "/ (all versions) if one page holds them, else plan key"
                                  + " ranges")
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
