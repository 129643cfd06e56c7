package dev.warden.activities.inventory;

import dev.warden.activities.step.StepFailures;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.InventoryActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StoreInventory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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
  private final Executor counters;

  /** {@code counters}: the threads the counts run on, side by side. */
  public InventoryActivitiesImpl(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      TenantIndexStore index,
      LogArchiveStore archives,
      Duration outageTolerance,
      Executor counters) {
    this.counters = counters;
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

  // The six counts are independent reads of three servers: asked side by side, an inventory takes
  // about as long as its slowest count instead of their sum (most of a small tenant's
  // verification).
  private StoreInventory count(PurgeRequest request) {
    TenantId tenant = TenantId.of(request.tenantId());
    Env env = Env.of(request.env());
    var usage = async(() -> objects.measure(tenant));
    var allVersions =
        async(() -> versions.versioningEnabled() ? versions.countVersions(tenant) : 0L);
    var lines = async(() -> archives.count(tenant, env));
    var docs = async(() -> index.count(tenant, TenantIndexStore.docsIndex(env)));
    var logDocs = async(() -> index.count(tenant, TenantIndexStore.logsPattern(env)));
    var logObjects = async(() -> archives.countTenantObjects(tenant, env));
    LogArchiveStore.LineCount archiveLines = join(lines);
    log.info(
        "inventory of {} in {}: {} archive lines, {} archive objects read",
        tenant,
        env,
        archiveLines.lines(),
        archiveLines.archivesRead());
    return new StoreInventory(
        join(usage).objects(),
        join(usage).bytes(),
        join(allVersions),
        join(docs),
        join(logDocs),
        archiveLines.lines(),
        join(logObjects));
  }

  private <T> CompletableFuture<T> async(Supplier<T> count) {
    return CompletableFuture.supplyAsync(count, counters);
  }

  /** The count's own failure (an outage, a refusal), as the stores threw it. */
  private static <T> T join(CompletableFuture<T> count) {
    try {
      return count.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw failed;
    }
  }
}
