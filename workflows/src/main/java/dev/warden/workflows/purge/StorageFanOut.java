package dev.warden.workflows.purge;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import dev.warden.workflows.contract.StoreOutage;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The storage step as parallel activities: a plan splits the tenant's prefix into key ranges, each
 * range is purged by its own heartbeating activity (any worker polling the queue may take it), at
 * most {@code lanes} at a time, and the totals are merged into one STORAGE result. History grows
 * with the number of ranges (bounded by the worker's {@code WARDEN_PURGE_STORAGE_SHARDS}), never
 * with the number of objects.
 *
 * <p>A range that fails after its retries stops new ranges from starting; those already running
 * finish (a kill switch or a stop makes them end at their next page), every range's totals, partial
 * ones included, are added, and the step fails as a single activity would, with the most telling
 * failure (stop, kill switch, refusal, then outage) carrying the merged totals. A retry of the step
 * plans afresh: ranges already purged are then empty and cost one listing each.
 *
 * <p>A tenant whose whole prefix fits in one listing page is purged by the plan activity itself
 * (one activity instead of two), which returns a plan that carries the step's result.
 */
final class StorageFanOut {

  private final ActivityOptions planOptions;
  private final ActivityOptions shardOptions;

  StorageFanOut(ActivityOptions planOptions, ActivityOptions shardOptions) {
    this.planOptions = planOptions;
    this.shardOptions = shardOptions;
  }

  StepResult run(PurgeRequest request) {
    StoragePlan plan =
        Workflow.newActivityStub(StorageActivities.class, planOptions).planTenantShards(request);
    if (plan.done() != null) {
      // A small tenant: the plan activity purged its one page already (only workers that know
      // this field set it, so histories recorded before it never take this path).
      return plan.done();
    }
    // An empty plan would skip the step: it means the whole prefix, as one range.
    List<StorageShard> shards =
        plan.shards() == null || plan.shards().isEmpty()
            ? List.of(new StorageShard(0, null, null))
            : plan.shards();
    int lanes = Math.max(1, Math.min(plan.lanes(), shards.size()));
    List<Running> running = new ArrayList<>();
    long items = 0;
    long bytes = 0;
    ActivityFailure failed = null;
    int next = 0;
    while (next < shards.size() || !running.isEmpty()) {
      while (failed == null && next < shards.size() && running.size() < lanes) {
        running.add(start(request, shards.get(next++), shards.size()));
      }
      if (running.isEmpty()) {
        break;
      }
      Workflow.await(() -> running.stream().anyMatch(r -> r.result().isCompleted()));
      for (Running done : running.stream().filter(r -> r.result().isCompleted()).toList()) {
        running.remove(done);
        RuntimeException failure = done.result().getFailure();
        if (failure == null) {
          items += done.result().get().items();
          bytes += done.result().get().bytes();
          continue;
        }
        if (!(failure instanceof ActivityFailure activity)) {
          throw failure; // not a store's answer (e.g. the workflow was cancelled)
        }
        StepResult partial = partial(activity);
        items += partial.items();
        bytes += partial.bytes();
        if (failed == null || rank(activity) < rank(failed)) {
          failed = activity;
        }
      }
    }
    StepResult total = new StepResult(PurgeStep.STORAGE, items, bytes);
    if (failed != null) {
      throw withTotals(failed, total);
    }
    return total;
  }

  private record Running(StorageShard shard, Promise<StepResult> result) {}

  private Running start(PurgeRequest request, StorageShard shard, int of) {
    StorageActivities stub =
        Workflow.newActivityStub(
            StorageActivities.class,
            shardOptions.toBuilder()
                .setSummary(
                    "Delete objects of "
                        + request.tenantId()
                        + ", key range "
                        + (shard.index() + 1)
                        + " of "
                        + of)
                .build());
    return new Running(shard, Async.function(stub::purgeTenantShard, request, shard));
  }

  private static final Map<String, Integer> RANKS =
      Map.of(
          Failures.PURGE_STOPPED.type(), 0,
          Failures.KILL_SWITCH_ENGAGED.type(), 1,
          Failures.STORE_UNAVAILABLE.type(), 3,
          Failures.PARTIAL_DELETION.type(), 3);

  // A stop ends the purge and a kill switch blocks it, whatever else failed; a refusal needs an
  // operator; an outage alone is waited out.
  private static int rank(ActivityFailure failure) {
    ApplicationFailure cause = cause(failure);
    return cause == null ? 2 : RANKS.getOrDefault(cause.getType(), 2);
  }

  private static ApplicationFailure cause(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app ? app : null;
  }

  private static StepResult partial(ActivityFailure failure) {
    ApplicationFailure cause = cause(failure);
    StepResult none = new StepResult(PurgeStep.STORAGE, 0, 0);
    if (cause == null || cause.getDetails().getSize() == 0) {
      return none;
    }
    try {
      StepResult partial = cause.getDetails().get(0, StepResult.class);
      return partial == null ? none : partial;
    } catch (RuntimeException notAStepResult) {
      return none;
    }
  }

  // The step's failure as StepRunner reads it: the chosen shard's type, message and outage, with
  // the totals of every shard as the first detail.
  private static ActivityFailure withTotals(ActivityFailure failure, StepResult total) {
    ApplicationFailure cause = cause(failure);
    if (cause == null) {
      return failure;
    }
    StoreOutage outage = null;
    if (cause.getDetails().getSize() > 1) {
      try {
        outage = cause.getDetails().get(1, StoreOutage.class);
      } catch (RuntimeException notAnOutage) {
        outage = null;
      }
    }
    ApplicationFailure merged =
        ApplicationFailure.newBuilder(cause)
            .setDetails(outage == null ? new Object[] {total} : new Object[] {total, outage})
            .build();
    return new ActivityFailure(
        failure.getOriginalMessage(),
        failure.getScheduledEventId(),
        failure.getStartedEventId(),
        failure.getActivityType(),
        failure.getActivityId(),
        failure.getRetryState(),
        failure.getIdentity(),
        merged);
  }
}
