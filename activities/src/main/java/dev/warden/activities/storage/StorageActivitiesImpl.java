package dev.warden.activities.storage;

import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.engines.storage.StorageCursor;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.storage.VersionedObjectStore;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;

/**
 * Deletes a tenant's objects in pages; on a versioned bucket every version and delete marker, or a
 * "deleted" object would survive as a noncurrent version.
 */
public final class StorageActivitiesImpl implements StorageActivities {

  private final TenantObjectStore objects;
  private final VersionedObjectStore versions;
  private final HeartbeatingStep<StorageCursor> step;
  private final int pageSize;
  private final int concurrency;

  public StorageActivitiesImpl(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      HeartbeatingStep<StorageCursor> step,
      int pageSize,
      int concurrency) {
    this.objects = objects;
    this.versions = versions;
    this.step = step;
    this.pageSize = pageSize;
    this.concurrency = concurrency;
  }

  @Override
  public StepResult purgeTenantObjects(PurgeRequest request) {
    boolean versioned = versions.versioningEnabled();
    return step.run(
        request,
        PurgeStep.STORAGE,
        StorageCursor.class,
        StorageCursor.START,
        c -> new StepResult(PurgeStep.STORAGE, c.objects(), c.bytes()),
        (tenant, from, afterPage) ->
            versioned
                ? versions.purgeAllVersions(tenant, from, pageSize, afterPage::accept)
                : objects.purge(tenant, from, pageSize, concurrency, afterPage::accept));
  }
}
