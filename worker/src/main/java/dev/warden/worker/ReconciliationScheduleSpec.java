package dev.warden.worker;

import dev.warden.engines.reconcile.ReconcileProperties;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.ReconciliationStatus;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * The nightly Schedule {@code quota-reconciliation/{env}}: cron in UTC, jitter, overlap SKIP (a
 * night that runs long is never doubled), a catch-up window for a server that was down.
 */
record ReconciliationScheduleSpec(String env, String cron, ReconcileProperties properties) {

  ReconciliationScheduleSpec {
    cron = validCron(cron);
  }

  static ReconciliationScheduleSpec of(String env, ReconcileProperties properties) {
    return new ReconciliationScheduleSpec(env, properties.cron(), properties);
  }

  String id() {
    return WorkflowIds.quotaReconciliation(env);
  }

  Schedule schedule() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(QuotaReconciliationWorkflow.class)
                .setArguments(ReconciliationRequest.nightly(env))
                .setOptions(workflowOptions().build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(List.of(cron))
                .setTimeZoneName("UTC")
                .setJitter(properties.jitter())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(properties.catchupWindow())
                .build())
        .build();
  }

  /** The options of the runs the Schedule starts. */
  WorkflowOptions.Builder workflowOptions() {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id())
        .setTaskQueue(TaskQueues.RECONCILE)
        .setTypedSearchAttributes(
            io.temporal.common.SearchAttributes.newBuilder()
                .set(SearchAttributes.ENV, env)
                .set(SearchAttributes.STATUS, ReconciliationStatus.RUNNING.name())
                .set(SearchAttributes.STEP, "-")
                .build())
        .setStaticSummary("Nightly quota reconciliation of " + env)
        .setStaticDetails(
            "Measures every tenant's storage and index usage and corrects the quota ledger"
                + " (cron `"
                + cron
                + "` UTC). Runs: `GET /v1/reconciliations`.");
  }

  /**
   * Five fields (minute hour day-of-month month day-of-week), as Temporal reads them; anything else
   * stops the worker at start-up rather than never running the reconciliation.
   */
  static String validCron(String cron) {
    String value = cron == null ? "" : cron.trim();
    String problem = null;
    if (value.split("\\s+").length != 5) {
      problem = "it has " + (value.isEmpty() ? 0 : value.split("\\s+").length) + " fields, not 5";
    } else {
      try {
        CronExpression.parse("0 " + value);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      throw new IllegalStateException(
          "WARDEN_RECONCILE_CRON='"
              + cron
              + "' is not a cron expression of 5 fields (minute hour day-of-month month"
              + " day-of-week, in UTC), e.g. '0 2 * * *': "
              + problem);
    }
    return value;
  }
}
