package dev.warden.worker;

import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconciliationRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the nightly Schedule; idempotent, so every worker start may call it. On
 * Temporal's Java test server, which has no Schedules, and only there (it answers UNIMPLEMENTED),
 * it falls back to a cron workflow with the same id, and says so loudly.
 */
class ReconciliationSchedule {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

  /** What {@link #ensure} did. */
  enum Outcome {
    CREATED,
    UPDATED,
    CRON_WORKFLOW_FALLBACK
  }

  private final ScheduleClient schedules;
  private final WorkflowClient workflows;
  private final ReconciliationScheduleSpec spec;

  ReconciliationSchedule(
      ScheduleClient schedules, WorkflowClient workflows, ReconciliationScheduleSpec spec) {
    this.schedules = schedules;
    this.workflows = workflows;
    this.spec = spec;
  }

  Outcome ensure() {
    Schedule schedule = spec.schedule();
    try {
      schedules.createSchedule(spec.id(), schedule, ScheduleOptions.newBuilder().build());
      log.info("created Schedule {} (cron '{}' UTC, overlap SKIP)", spec.id(), spec.cron());
      return Outcome.CREATED;
    } catch (ScheduleAlreadyRunningException exists) {
      // Keep what operators did in the UI (paused, notes); replace spec, action and policy.
      schedules
          .getHandle(spec.id())
          .update(
              input ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(schedule)
                          .setState(input.getDescription().getSchedule().getState())
                          .build()));
      log.info("updated Schedule {} (cron '{}' UTC, overlap SKIP)", spec.id(), spec.cron());
      return Outcome.UPDATED;
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e;
      }
      startCronWorkflow();
      return Outcome.CRON_WORKFLOW_FALLBACK;
    }
  }

  private void startCronWorkflow() {
    log.warn(
        "\n**********************************************************************************\n"
            + "  This Temporal server has NO SCHEDULES (Temporal's Java test server).\n"
            + "  Falling back to a CRON WORKFLOW {} with cron '{}' UTC.\n"
            + "  Not for production: there the worker creates a Temporal Schedule.\n"
            + "**********************************************************************************",
        spec.id(),
        spec.cron());
    Optional<String> running = runningCron();
    if (running.isPresent() && running.get().equals(spec.cron())) {
      log.info("cron workflow {} already runs with cron '{}'", spec.id(), spec.cron());
      return;
    }
    if (running.isPresent()) {
      workflows
          .newUntypedWorkflowStub(spec.id())
          .terminate("cron changed from '" + running.get() + "' to '" + spec.cron() + "'");
    }
    QuotaReconciliationWorkflow workflow =
        workflows.newWorkflowStub(
            QuotaReconciliationWorkflow.class,
            spec.workflowOptions().setCronSchedule(spec.cron()).build());
    try {
      WorkflowClient.start(workflow::reconcile, ReconciliationRequest.nightly(spec.env()));
    } catch (WorkflowExecutionAlreadyStarted raced) {
      log.info("cron workflow {} was started meanwhile", spec.id());
    }
  }

  // The cron of the running cron workflow, from its first history event; empty when none runs.
  private Optional<String> runningCron() {
    WorkflowStub stub = workflows.newUntypedWorkflowStub(spec.id());
    try {
      if (stub.describe().getStatus()
          == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        HistoryEvent first = workflows.fetchHistory(spec.id()).getEvents().get(0);
        return Optional.of(first.getWorkflowExecutionStartedEventAttributes().getCronSchedule());
      }
      return Optional.empty();
    } catch (RuntimeException none) {
      return Optional.empty();
    }
  }

  static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
