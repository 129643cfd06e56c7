package dev.warden.workflows.contract;

import io.temporal.activity.ActivityInterface;

/** The object-storage step. One long, heartbeating call per purge, never one per object. */
@ActivityInterface
public interface StorageActivities {

  /**
   * Deletes every object under the tenant's prefix in pages, heartbeating the cursor and counts,
   * and resuming from the last heartbeat when retried.
   */
  StepResult purgeTenantObjects(PurgeRequest request);
}
