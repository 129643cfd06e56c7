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
   * few listing pages; deletes nothing, except when the tenant's whole prefix fits in one listing
   * page (every version and delete marker on a versioned bucket): then it purges that page as
   * {@link #purgeTenantShard} would the whole prefix (guard before the page, heartbeat, exact
   * counts) and returns a plan {@linkplain StoragePlan#done() done} with the step's result.
   */
  StoragePlan planTenantShards(PurgeRequest request);

  /**
   * {@link #purgeTenantObjects} for the keys of one range only (every version and delete marker on
   * a versioned bucket): its own heartbeated cursor, guard before every page and counts.
   */
  StepResult purgeTenantShard(PurgeRequest request, StorageShard shard);
}
