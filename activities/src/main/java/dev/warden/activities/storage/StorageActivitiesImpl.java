package dev.warden.activities.storage;

import dev.warden.activities.step.ActivityExecution;
import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.engines.objects.KeyRange;
import dev.warden.engines.objects.ShardPurge;
import dev.warden.engines.objects.StorageCursor;
import dev.warden.engines.objects.StorageProgress;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes a tenant's objects in pages, whole or one key range at a time; on a versioned bucket
 * every version and delete marker, or a "deleted" object would survive as a noncurrent version.
 */
public final class StorageActivitiesImpl implements StorageActivities {

  private final TenantObjectStore objects;
  private final VersionedObjectStore versions;
  private final ShardPurge lanes;
  private final HeartbeatingStep<StorageCursor> step;
  private final int pageSize;
  private final int concurrency;
  private final StorageSharding sharding;

  public StorageActivitiesImpl(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      StorageProgress progress,
      HeartbeatingStep<StorageCursor> step,
      int pageSize,
      int concurrency,
      StorageSharding sharding) {
    this.objects = objects;
    this.versions = versions;
    this.lanes = new ShardPurge(progress, objects, versions);
    this.step = step;
    this.pageSize = pageSize;
    this.concurrency = concurrency;
    this.sharding = sharding;
  }

  @Override
  public StepResult purgeTenantObjects(PurgeRequest request) {
    return purge(request, KeyRange.ALL, StorageProgress.WHOLE_PREFIX);
  }

  /**
   * A tenant whose prefix fits in one listing page is purged here, as one range: one activity
   * instead of a plan and a range. A retry that finds a heartbeated cursor with progress goes on
   * purging whatever the listing shows now, so the counts of the first attempt are kept.
   */
  @Override
  public StoragePlan planTenantShards(PurgeRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    boolean resumed =
        context
            .getHeartbeatDetails(StorageCursor.class)
            .filter(c -> c.objects() > 0 || c.lastKey() != null)
            .isPresent();
    boolean small =
        resumed
            || step.call(
                request,
                PurgeStep.STORAGE,
                t ->
                    versions.versioningEnabled()
                        ? versions.fitsOnePage(t)
                        : objects.fitsOnePage(t));
    if (small) {
      return StoragePlan.purged(
          purge(request, KeyRange.ALL, StorageProgress.WHOLE_PREFIX), sharding.lanes());
    }
    List<KeyRange> ranges =
        step.call(
            request,
            PurgeStep.STORAGE,
            // a cursor without progress: a retry plans again rather than resuming a purge
            t ->
                objects.ranges(t, sharding.shards(), () -> context.heartbeat(StorageCursor.START)));
    List<StorageShard> shards = new ArrayList<>();
    for (KeyRange range : ranges) {
      shards.add(new StorageShard(shards.size(), range.after(), range.upTo()));
    }
    return new StoragePlan(List.copyOf(shards), sharding.lanes());
  }

  @Override
  public StepResult purgeTenantShard(PurgeRequest request, StorageShard shard) {
    KeyRange range = step.call(request, PurgeStep.STORAGE, t -> rangeOf(t, shard));
    return purge(request, range, String.valueOf(shard.index()));
  }

  // The bounds come from history: a hand-made shard outside the tenant's folder fails at once.
  private static KeyRange rangeOf(TenantId tenant, StorageShard shard) {
    TenantPrefix prefix = new TenantPrefix(tenant);
    try {
      for (String bound : new String[] {shard.after(), shard.upTo()}) {
        if (bound != null && !prefix.owns(bound)) {
          throw new IllegalArgumentException(
              "shard bound " + bound + " is outside " + prefix.value());
        }
      }
      return new KeyRange(shard.after(), shard.upTo());
    } catch (IllegalArgumentException invalid) {
      throw ApplicationFailure.newNonRetryableFailure(
          invalid.getMessage(), Failures.INVALID_REQUEST.type());
    }
  }

  // Heartbeats keep the attempt alive and show progress; where a retry resumes and what it counts
  // come from the lane's durable progress record (ShardPurge), fenced by this attempt.
  private StepResult purge(PurgeRequest request, KeyRange range, String shard) {
    boolean versioned = versions.versioningEnabled();
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    String owner = ActivityExecution.owner(info);
    return step.run(
        request,
        PurgeStep.STORAGE,
        StorageCursor.class,
        StorageCursor.START,
        c -> new StepResult(PurgeStep.STORAGE, c.objects(), c.bytes()),
        (tenant, from, afterPage) ->
            lanes.purge(
                new StorageProgress.Writer(
                    new StorageProgress.Lane(UUID.fromString(request.purgeId()), shard),
                    owner,
                    info.getAttempt()),
                new ShardPurge.Job(tenant, range, versioned, pageSize, concurrency),
                from,
                () -> context.heartbeat(from),
                afterPage::accept));
  }
}
