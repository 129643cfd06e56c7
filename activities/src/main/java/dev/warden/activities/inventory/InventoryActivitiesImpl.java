package dev.warden.activities.inventory;

import dev.warden.activities.step.StepFailures;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.storage.LogArchiveStore;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.storage.VersionedObjectStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.InventoryActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StoreInventory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts afresh what a tenant has in every store: fresh listings and count queries, independent of
 * what the delete steps reported. On a versioned bucket {@code objectVersions} counts every version
 * and delete marker (current ones included).
 */
public final class InventoryActivitiesImpl implements InventoryActivities {

  private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);

  private final TenantObjectStore objects;
  private final VersionedObjectStore versions;
  private final TenantIndexStore index;
  private final LogArchiveStore archives;
  private final Duration outageTolerance;

  public InventoryActivitiesImpl(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      TenantIndexStore index,
      LogArchiveStore archives,
      Duration outageTolerance) {
    this.objects = objects;
    this.versions = versions;
    this.index = index;
    this.archives = archives;
    this.outageTolerance = outageTolerance;
  }

  /** A store outage is waited out like one in a step; a refusal asks an operator at once. */
  @Override
  public StoreInventory inventory(PurgeRequest request) {
    try {
      return count(request);
    } catch (RuntimeException failure) {
      throw StepFailures.of(failure, null, outageTolerance);
    }
  }

  private StoreInventory count(PurgeRequest request) {
    TenantId tenant = TenantId.of(request.tenantId());
    Env env = Env.of(request.env());
    TenantObjectStore.Usage usage = objects.measure(tenant);
    long allVersions = versions.versioningEnabled() ? versions.countVersions(tenant) : 0;
    LogArchiveStore.LineCount lines = archives.count(tenant, env);
    log.info(
        "inventory of {} in {}: {} archive lines, {} archive objects read",
        tenant,
        env,
        lines.lines(),
        lines.archivesRead());
    return new StoreInventory(
        usage.objects(),
        usage.bytes(),
        allVersions,
        index.count(tenant, TenantIndexStore.docsIndex(env)),
        index.count(tenant, TenantIndexStore.logsPattern(env)),
        lines.lines(),
        archives.countTenantObjects(tenant, env));
  }
}
