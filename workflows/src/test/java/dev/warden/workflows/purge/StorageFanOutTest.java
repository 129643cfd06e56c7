package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The storage step fanned out over key ranges, against mocked activities that behave like a store:
 * each range holds a number of objects that a call deletes (all, or part before it fails), so the
 * merged totals are exact whatever order the ranges run in.
 */
class StorageFanOutTest {

  private static final long PER_SHARD = 10;

  private final PurgeTestHarness h = new PurgeTestHarness();
  private final Map<Integer, Long> left = new ConcurrentHashMap<>();
  private final Map<Integer, RuntimeException> failOnce = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicBoolean engaged = new AtomicBoolean();

  @AfterEach
  void stop() {
    h.close();
  }

  private List<StorageShard> plan(int shards, int lanes) {
    List<StorageShard> plan = new ArrayList<>();
    String after = null;
    for (int i = 0; i < shards; i++) {
      String upTo = i == shards - 1 ? null : "tenants/acme/uploads/" + Integer.toHexString(i + 1);
      plan.add(new StorageShard(i, after, upTo));
      left.put(i, PER_SHARD);
      after = upTo;
    }
    when(h.storage.planTenantShards(any())).thenReturn(new StoragePlan(plan, lanes));
    when(h.storage.purgeTenantShard(any(), any()))
        .thenAnswer(
            call -> {
              StorageShard shard = call.getArgument(1);
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                Thread.sleep(20); // lets ranges overlap; nothing asserts on time
                RuntimeException failure = failOnce.remove(shard.index());
                long deleted = failure == null ? left.get(shard.index()) : 4;
                left.merge(shard.index(), -deleted, Long::sum);
                if (failure != null) {
                  // a range that meets a kill switch means it is engaged until the test releases it
                  engaged.compareAndSet(
                      false,
                      failure instanceof ApplicationFailure app
                          && Failures.KILL_SWITCH_ENGAGED.type().equals(app.getType()));
                  throw failure;
                }
                return new StepResult(PurgeStep.STORAGE, deleted, deleted * 100);
              } finally {
                running.decrementAndGet();
              }
            });
    return plan;
  }

  private static ApplicationFailure failure(Failures type, boolean nonRetryable) {
    StepResult sofar = new StepResult(PurgeStep.STORAGE, 4, 400);
    return nonRetryable
        ? ApplicationFailure.newNonRetryableFailure("range stopped: " + type, type.type(), sofar)
        : ApplicationFailure.newFailure("range stopped: " + type, type.type(), sofar);
  }

  private PurgeOutcome resultOf(String workflowId) {
    return h.env
        .getWorkflowClient()
        .newUntypedWorkflowStub(workflowId)
        .getResult(PurgeOutcome.class);
  }

  @Test
  void givenTwelveRangesAndThreeLanes_whenPurged_thenEveryRangeRunsOnceAtMostThreeAtATime() {
    List<StorageShard> shards = plan(12, 3);

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    PurgeOutcome outcome = resultOf(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps())
        .contains(new StepResult(PurgeStep.STORAGE, 12 * PER_SHARD, 12 * PER_SHARD * 100));
    for (StorageShard shard : shards) {
      verify(h.storage, times(1)).purgeTenantShard(REQUEST, shard);
    }
    verify(h.storage, never()).purgeTenantObjects(any());
    assertThat(mostAtOnce.get()).isBetween(1, 3);
    assertThat(left.values()).containsOnly(0L);
    var history = h.env.getWorkflowClient().fetchHistory(execution.getWorkflowId()).getHistory();
    long scheduled =
        history.getEventsList().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .filter(
                e ->
                    e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals("PurgeTenantShard"))
            .count();
    assertThat(scheduled).isEqualTo(12);
  }

  @Test
  void givenAPlanThatPurgedASmallTenant_whenPurged_thenNoRangeStartsAndItsResultIsTheStep() {
    when(h.storage.planTenantShards(any()))
        .thenReturn(StoragePlan.purged(new StepResult(PurgeStep.STORAGE, 3, 300), 4));

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    PurgeOutcome outcome = resultOf(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps()).contains(new StepResult(PurgeStep.STORAGE, 3, 300));
    verify(h.storage, times(1)).planTenantShards(REQUEST);
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.storage, never()).purgeTenantObjects(any());
  }

  @Test
  void givenARangeThatIsRefused_whenPurged_thenNoNewRangeStartsTheStepParksAndARetryFinishes() {
    plan(3, 1);
    failOnce.put(1, failure(Failures.STORE_REFUSED, true));

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(10));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    assertThat(workflow.progress().currentStep()).isEqualTo(PurgeStep.STORAGE);
    assertThat(workflow.progress().lastFailure()).contains("range stopped");
    // range 0 and the part of range 1 that went are counted; range 2 never started
    assertThat(workflow.progress().totals())
        .contains(new StepResult(PurgeStep.STORAGE, PER_SHARD + 4, (PER_SHARD + 4) * 100));
    assertThat(left.get(2)).isEqualTo(PER_SHARD);
    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.STEP_FAILED
                        && Failures.STORE_REFUSED.type().equals(e.attributes().get("type"))));

    workflow.retry("user:operator");
    PurgeOutcome outcome = resultOf(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps())
        .contains(new StepResult(PurgeStep.STORAGE, 3 * PER_SHARD, 3 * PER_SHARD * 100));
    verify(h.storage, times(2)).planTenantShards(REQUEST);
    assertThat(left.values()).containsOnly(0L);
  }

  @Test
  void givenOneOfRunningRangesFails_whenTheOthersFinish_thenTheirCountsAreKeptInTheTotal() {
    plan(4, 4);
    failOnce.put(0, failure(Failures.STEP_ERROR, true));

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(10));

    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.NEEDS_ATTENTION);
    // all four started together: three finished, the failed one deleted 4 before it stopped
    assertThat(workflow.progress().totals())
        .contains(new StepResult(PurgeStep.STORAGE, 3 * PER_SHARD + 4, (3 * PER_SHARD + 4) * 100));

    workflow.retry("user:operator");
    assertThat(resultOf(execution.getWorkflowId()).steps())
        .contains(new StepResult(PurgeStep.STORAGE, 4 * PER_SHARD, 4 * PER_SHARD * 100));
  }

  @Test
  void givenAKillSwitchEngagedMidStep_whenReleased_thenTheStepIsPlannedAgainAndCountsAreExact() {
    plan(6, 2);
    failOnce.put(2, failure(Failures.KILL_SWITCH_ENGAGED, true));
    GuardDecision blocked = GuardDecision.blocked("ks-1", "tenant:acme", "incident 7");
    when(h.guard.check(any(), any()))
        .thenAnswer(call -> engaged.get() ? blocked : GuardDecision.ALLOWED);

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    h.env.sleep(Duration.ofMinutes(10));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.BLOCKED_BY_KILL_SWITCH);

    engaged.set(false);
    workflow.killSwitchReleased();
    PurgeOutcome outcome = resultOf(execution.getWorkflowId());

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.steps())
        .contains(new StepResult(PurgeStep.STORAGE, 6 * PER_SHARD, 6 * PER_SHARD * 100));
    verify(h.storage, times(2)).planTenantShards(REQUEST);
    verify(h.records).emit(argThat(e -> e.type() == PurgeEventType.KILL_SWITCH_BLOCKED));
    assertThat(left.values()).containsOnly(0L);
  }
}
