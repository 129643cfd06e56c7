package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.StoreOutage;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store outage shorter than the outage tolerance is waited out (status "waiting for ...", no
 * NEEDS_ATTENTION, no STEP_FAILED); a longer one parks the purge; a refusal parks it at once.
 */
class OutageToleranceTest {

  private static final Duration TOLERANCE = Duration.ofMinutes(10);

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void givenAnOutageShorterThanTheTolerance_whenPurged_thenItWaitsVisiblyAndCompletesExactly() {
    long until = h.env.currentTimeMillis() + Duration.ofMinutes(4).toMillis();
    when(h.index.purgeTenantDocuments(any()))
        .thenAnswer(
            call -> {
              if (h.env.currentTimeMillis() < until) {
                throw outage(2);
              }
              return new StepResult(PurgeStep.INDEX, 5, 0);
            });

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(2));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.RUNNING);
    assertThat(workflow.progress().currentStep()).isEqualTo(PurgeStep.INDEX);
    assertThat(workflow.progress().lastFailure())
        .startsWith("waiting for OpenSearch")
        .contains("Connection refused");
    PurgeOutcome outcome = result(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().residue()).isEqualTo(StoreInventory.EMPTY);
    assertThat(workflow.progress().lastFailure()).isNull();
    // Every round that failed had deleted 2 before the store went; they all count.
    assertThat(outcome.steps())
        .filteredOn(s -> s.step() == PurgeStep.INDEX)
        .singleElement()
        .satisfies(s -> assertThat(s.items()).isGreaterThan(5).isOdd());
    verify(h.records)
        .setStatus(
            argThat("p-1"::equals),
            argThat(PurgeStatus.RUNNING::equals),
            argThat(PurgeStep.INDEX::equals),
            argThat(d -> d.startsWith("waiting for OpenSearch")));
    verify(h.records, never())
        .setStatus(any(), argThat(PurgeStatus.NEEDS_ATTENTION::equals), any(), any());
    verify(h.records, never()).emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED));
    // The wait goes on with the step's one attempt: a single STEP_STARTED for INDEX.
    verify(h.records, times(1))
        .emit(argThat(e -> e.type() == PurgeEventType.STEP_STARTED && e.step() == PurgeStep.INDEX));
  }

  @Test
  void givenAnOutageLongerThanTheTolerance_whenPurged_thenItParksAndARetryFinishesIt() {
    boolean[] back = {false};
    when(h.index.purgeTenantDocuments(any()))
        .thenAnswer(
            call -> {
              if (!back[0]) {
                throw outage(0);
              }
              return new StepResult(PurgeStep.INDEX, 5, 0);
            });

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(TOLERANCE.plusMinutes(10));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    assertThat(workflow.progress().lastFailure())
        .startsWith("OpenSearch still unavailable after PT10M");
    verify(h.records, times(1)).emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED));

    back[0] = true;
    workflow.retry("user:operator");
    PurgeOutcome outcome = result(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps()).contains(new StepResult(PurgeStep.INDEX, 5, 0));
  }

  @Test
  void givenAnOutageDuringVerification_whenShorterThanTheTolerance_thenItWaitsAndCompletes() {
    long until = h.env.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
    when(h.inventory.inventory(any()))
        .thenAnswer(
            call -> {
              if (h.env.currentTimeMillis() < until) {
                throw ApplicationFailure.newFailure(
                    "S3 answered 503 SlowDown",
                    Failures.STORE_UNAVAILABLE.type(),
                    null,
                    new StoreOutage("S3", TOLERANCE.toSeconds()));
              }
              return StoreInventory.EMPTY;
            });

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(1));

    assertThat(workflow.progress().lastFailure()).startsWith("waiting for S3");
    PurgeOutcome outcome = result(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    verify(h.records, never())
        .setStatus(any(), argThat(PurgeStatus.NEEDS_ATTENTION::equals), any(), any());
    verify(h.records, never()).emit(argThat(e -> e.type() == PurgeEventType.STEP_FAILED));
  }

  @Test
  void givenAPreflightOutageThenARefusal_whenPurged_thenItWaitsThenParksInsteadOfFailing() {
    long until = h.env.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
    when(h.preflight.preflight(any()))
        .thenAnswer(
            call -> {
              if (h.env.currentTimeMillis() < until) {
                throw outage(0);
              }
              throw ApplicationFailure.newNonRetryableFailure(
                  "OpenSearch answered 403 security_exception", Failures.STORE_REFUSED.type());
            });

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(1));
    assertThat(workflow.progress().lastFailure()).startsWith("waiting for OpenSearch");
    h.env.sleep(Duration.ofMinutes(5));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    verify(h.records)
        .setStatus(
            any(),
            argThat(PurgeStatus.NEEDS_ATTENTION::equals),
            any(),
            argThat(d -> d.startsWith("preflight failed: OpenSearch answered 403")));
    verify(h.storage, never()).purgeTenantShard(any(), any());
    doReturn(java.util.List.of()).when(h.preflight).preflight(any());
    workflow.retry("user:operator");

    assertThat(result(execution.getWorkflowId()).status()).isEqualTo(PurgeStatus.COMPLETED);
  }

  @Test
  void givenARefusalRetryingCannotFix_whenPurged_thenItParksAtOnceWithoutRetrying() {
    when(h.index.purgeTenantDocuments(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "OpenSearch answered 403 security_exception",
                Failures.STORE_REFUSED.type(),
                new StepResult(PurgeStep.INDEX, 0, 0)));

    TenantPurgeWorkflow workflow = h.start();
    WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(1));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    assertThat(workflow.progress().lastFailure()).contains("403");
    verify(h.index, times(1)).purgeTenantDocuments(any());
  }

  private static ApplicationFailure outage(long deletedBeforeIt) {
    return ApplicationFailure.newFailure(
        "OpenSearch unreachable: java.net.ConnectException: Connection refused",
        Failures.STORE_UNAVAILABLE.type(),
        new StepResult(PurgeStep.INDEX, deletedBeforeIt, 0),
        new StoreOutage("OpenSearch", TOLERANCE.toSeconds()));
  }

  private PurgeOutcome result(String workflowId) {
    return h.env
        .getWorkflowClient()
        .newUntypedWorkflowStub(workflowId)
        .getResult(PurgeOutcome.class);
  }
}
