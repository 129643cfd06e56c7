package dev.warden.activities.storage;

import dev.warden.engines.storage.ObjectDeletionException;
import dev.warden.engines.storage.StorageCursor;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a tenant's objects in pages, heartbeating its cursor so a retry resumes, not restarts.
 */
public final class StorageActivitiesImpl implements StorageActivities {

  private static final Logger log = LoggerFactory.getLogger(StorageActivitiesImpl.class);

  private final TenantObjectStore store;
  private final Env env;
  private final int pageSize;

  public StorageActivitiesImpl(TenantObjectStore store, Env env, int pageSize) {
    this.store = store;
    this.env = env;
    this.pageSize = pageSize;
  }

  @Override
  public StepResult purgeTenantObjects(PurgeRequest request) {
    TenantId tenant = validTenant(request);
    ActivityExecutionContext context = Activity.getExecutionContext();
    StorageCursor from =
        context.getHeartbeatDetails(StorageCursor.class).orElse(StorageCursor.START);
    if (from.pages() > 0) {
      log.info(
          "resuming storage purge {} of {} after {} ({} objects so far)",
          request.purgeId(),
          tenant,
          from.lastKey(),
          from.objects());
    }
    try {
      StorageCursor end = store.purge(tenant, from, pageSize, context::heartbeat);
      log.info(
          "storage purge {} of {} deleted {} objects, {} bytes in {} pages",
          request.purgeId(),
          tenant,
          end.objects(),
          end.bytes(),
          end.pages());
      return new StepResult(PurgeStep.STORAGE, end.objects(), end.bytes());
    } catch (ObjectDeletionException refused) {
      throw ApplicationFailure.newFailure(
          refused.getMessage(), Failures.PARTIAL_DELETION.type(), refused.errors());
    }
  }

  // The API validated these already; checking again here means a hand-started workflow with a
  // bad id or another environment's purge fails at once instead of touching a store.
  private TenantId validTenant(PurgeRequest request) {
    try {
      TenantId tenant = TenantId.of(request.tenantId());
      if (!env.value().equals(request.env())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "purge for env " + request.env() + " reached a worker of env " + env,
            Failures.INVALID_REQUEST.type());
      }
      return tenant;
    } catch (InvalidIdentifierException invalid) {
      throw ApplicationFailure.newNonRetryableFailure(
          invalid.getMessage(), Failures.INVALID_REQUEST.type());
    }
  }
}
