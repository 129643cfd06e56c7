package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Runs the purge steps in order; every store step is one heartbeating activity. */
public final class TenantPurgeWorkflowImpl implements TenantPurgeWorkflow {

  private static final Logger log = Workflow.getLogger(TenantPurgeWorkflowImpl.class);

  // Records go to our own PostgreSQL: short calls, retried until the database is back.
  private final PurgeRecordActivities records =
      Workflow.newActivityStub(
          PurgeRecordActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  // A store step can run for hours on a large tenant; the heartbeat timeout is what detects a
  // dead worker, and a retry resumes from the last heartbeated cursor.
  private final StorageActivities storage =
      Workflow.newActivityStub(
          StorageActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofHours(6))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .setMaximumAttempts(5)
                      .build())
              .build());

  private PurgeStatus status = PurgeStatus.REQUESTED;
  private PurgeStep currentStep;
  private final List<StepResult> done = new ArrayList<>();

  @Override
  public PurgeOutcome purge(PurgeRequest request) {
    records.markRunning(request.purgeId(), Workflow.getInfo().getRunId());
    status = PurgeStatus.RUNNING;
    records.emit(PurgeEvent.of(request, PurgeEventType.PURGE_REQUESTED));
    try {
      runStep(request, PurgeStep.STORAGE);
    } catch (ActivityFailure failure) {
      log.warn("purge {} failed at step {}", request.purgeId(), currentStep, failure);
      return finish(request, PurgeStatus.FAILED, PurgeEventType.PURGE_FAILED);
    }
    currentStep = null;
    return finish(request, PurgeStatus.COMPLETED, PurgeEventType.PURGE_COMPLETED);
  }

  private void runStep(PurgeRequest request, PurgeStep step) {
    currentStep = step;
    records.emit(PurgeEvent.ofStep(request, PurgeEventType.STEP_STARTED, step, 1, Map.of()));
    StepResult result;
    try {
      result = storage.purgeTenantObjects(request);
    } catch (ActivityFailure failure) {
      records.emit(
          PurgeEvent.ofStep(
              request,
              PurgeEventType.STEP_FAILED,
              step,
              1,
              Map.of("cause", String.valueOf(failure.getCause().getMessage()))));
      throw failure;
    }
    records.recordStep(request.purgeId(), result);
    done.add(result);
    records.emit(
        PurgeEvent.ofStep(
            request,
            PurgeEventType.STEP_COMPLETED,
            step,
            1,
            Map.of(
                "items", Long.toString(result.items()), "bytes", Long.toString(result.bytes()))));
  }

  private PurgeOutcome finish(PurgeRequest request, PurgeStatus finalStatus, PurgeEventType type) {
    PurgeOutcome outcome = new PurgeOutcome(request.purgeId(), finalStatus, List.copyOf(done));
    records.complete(outcome);
    records.emit(PurgeEvent.of(request, type));
    status = finalStatus;
    return outcome;
  }

  @Override
  public PurgeProgress progress() {
    return new PurgeProgress(status, currentStep, List.copyOf(done));
  }
}
