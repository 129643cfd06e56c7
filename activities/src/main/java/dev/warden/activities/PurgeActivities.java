package dev.warden.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.guard.GuardActivitiesImpl;
import dev.warden.activities.guard.PurgeGuard;
import dev.warden.activities.index.IndexActivitiesImpl;
import dev.warden.activities.inventory.InventoryActivitiesImpl;
import dev.warden.activities.logs.LogActivitiesImpl;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.activities.preflight.PreflightActivitiesImpl;
import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.activities.storage.StorageActivitiesImpl;
import dev.warden.activities.storage.StorageSharding;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.objects.StorageProgress;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionOperations;

/** Every activity a purge needs, wired from the engines' adapters in one place. */
public record PurgeActivities(
    PurgeRecordActivitiesImpl records,
    StorageActivitiesImpl storage,
    IndexActivitiesImpl index,
    LogActivitiesImpl logs,
    InventoryActivitiesImpl inventory,
    PreflightActivitiesImpl preflight,
    GuardActivitiesImpl guard)
    implements ActivitySet, AutoCloseable {

  /** Writes what the record activities still count (refused signals' windows): on shutdown. */
  @Override
  public void close() {
    records.close();
  }

  /**
   * What the activities are built from; {@code tx}: transactions over the database of the purge
   * records and events (a purge's transitions run in one each).
   */
  public record Stores(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      StorageProgress progress,
      TenantIndexStore index,
      IndexProgress indexProgress,
      LogArchiveStore archives,
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      QuotaLedger quotas,
      TransactionOperations tx) {}

  /** As configured by {@code warden.*}: the deployment's env, page size and concurrency. */
  public static PurgeActivities wire(
      Stores s, WardenProperties properties, ObjectMapper json, Clock clock, PurgeMetrics metrics) {
    return wire(
        s,
        Env.of(properties.env()),
        properties.purge().pageSize(),
        properties.purge().concurrency(),
        properties.purge().outageTolerance(),
        properties.purge().indexLanes(),
        new StorageSharding(properties.purge().storageShards(), properties.purge().storageLanes()),
        properties.purge().refusalWindow(),
        json,
        clock,
        metrics);
  }

  // Verification's counts run side by side on these (daemon threads, idle ones end after a minute,
  // so nothing needs shutting down); each inventory asks for six at most, and the worker bounds how
  // many inventories run at once.
  private static ExecutorService counters() {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "warden-inventory-count");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** {@code WARDEN_PURGE_INDEX_LANES}'s default. */
  public static final int DEFAULT_INDEX_LANES = 4;

  /**
   * {@code concurrency}: parallel DeleteObjects calls per storage round; {@code outageTolerance}:
   * how long a store step waits out a store outage; {@code indexLanes}: parallel slices of the
   * index step's sweep (1 to {@link TenantIndexStore#MAX_LANES}); {@code sharding}: the storage
   * step's key ranges and parallel lanes; {@code refusalWindow}: the window refused signals are
   * counted in.
   */
  public static PurgeActivities wire(
      Stores s,
      Env env,
      int pageSize,
      int concurrency,
      Duration outageTolerance,
      int indexLanes,
      StorageSharding sharding,
      Duration refusalWindow,
      ObjectMapper json,
      Clock clock,
      PurgeMetrics metrics) {
    if (indexLanes < 1 || indexLanes > TenantIndexStore.MAX_LANES) {
      throw new IllegalArgumentException(
          "WARDEN_PURGE_INDEX_LANES must be between 1 and "
              + TenantIndexStore.MAX_LANES
              + ", got "
              + indexLanes);
    }
    PurgeGuard guard = new PurgeGuard(s.killSwitches(), s.purges(), s.holds());
    GuardActivitiesImpl guardActivities = new GuardActivitiesImpl(guard);
    metrics.preRegister(env.value());
    return new PurgeActivities(
        new PurgeRecordActivitiesImpl(
            s.purges(),
            s.holds(),
            s.events(),
            s.quotas(),
            json,
            clock,
            metrics,
            s.tx(),
            guardActivities,
            refusalWindow),
        new StorageActivitiesImpl(
            s.objects(),
            s.versions(),
            s.progress(),
            new HeartbeatingStep<>(guard, env, outageTolerance, metrics),
            pageSize,
            concurrency,
            sharding),
        new IndexActivitiesImpl(
            s.index(),
            s.indexProgress(),
            new HeartbeatingStep<>(guard, env, outageTolerance, metrics),
            pageSize,
            indexLanes),
        new LogActivitiesImpl(
            s.index(),
            s.indexProgress(),
            s.archives(),
            new HeartbeatingStep<>(guard, env, outageTolerance, metrics),
            pageSize),
        new InventoryActivitiesImpl(
            s.objects(), s.versions(), s.index(), s.archives(), outageTolerance, counters()),
        new PreflightActivitiesImpl(s.index(), outageTolerance),
        guardActivities);
  }

  @Override
  public Object[] all() {
    return new Object[] {records, storage, index, logs, inventory, preflight, guard};
  }
}
