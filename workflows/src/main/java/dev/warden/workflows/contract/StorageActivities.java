package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/**
 * The object-storage step: one long, heartbeating call per purge or per key range, never one per
 * object.
 */
@ActivityInterface
public interface StorageActivities {

  /**
   * Deletes every object under the tenant's prefix in pages, heartbeating the cursor and counts,
   * and resuming from the last heartbeat when retried. Histories recorded before the fan-out run
   * this; newer ones run {@link #planTenantShards} and {@link #purgeTenantShard}.
   */
  StepResult purgeTenantObjects(PurgeRequest request);

  /**
   * Splits the tenant's prefix into key ranges (up to {@code WARDEN_PURGE_STORAGE_SHARDS}) from a
   * delimiter listing; reads only, deletes nothing.
   */
  StoragePlan planTenantShards(PurgeRequest request);

  /**
   * {@link #purgeTenantObjects} for the keys of one range only (every version and delete marker on
   * a versioned bucket): its own heartbeated cursor, guard before every page and counts.
   */
  StepResult purgeTenantShard(PurgeRequest request, StorageShard shard);
}
