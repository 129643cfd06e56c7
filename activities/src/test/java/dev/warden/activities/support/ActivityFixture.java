package dev.warden.activities.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.PurgeActivities;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.activities.storage.StorageSharding;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.killswitch.CachedKillSwitches;
import dev.warden.engines.killswitch.KillSwitchProperties;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.killswitch.KillSwitchStore;
import dev.warden.engines.logarchive.ArchiveLeases;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.logarchive.PgArchiveIndex;
import dev.warden.engines.objects.StorageProgress;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaDefaults;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.PurgeRequest;
import java.time.Clock;
import java.time.Duration;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The real stores of the devstack, wired into purge activities the way the worker does. */
public final class ActivityFixture implements AutoCloseable {

  public final DevStackEndpoints endpoints;
  public final S3Fixture s3;
  public final DbFixture db;
  public final QuotaLedger quotas;
  public final PurgeRecordStore purges;
  public final LegalHoldStore holds;
  public final DatasetEventStore events;
  public final OpenSearchClient openSearch;
  public final TenantIndexStore index;
  public final KillSwitchService killSwitchService;
  public final CachedKillSwitches killSwitches;

  /** The stores of the test run's devstack. */
  public ActivityFixture() {
    this(DevStackExtension.endpoints());
  }

  /** The stores of a devstack started elsewhere (the scale bench starts its own). */
  public ActivityFixture(DevStackEndpoints endpoints) {
    this(endpoints, false);
  }

  /**
   * @param pooledDb a connection pool as the worker has (benchmarks)
   */
  public ActivityFixture(DevStackEndpoints endpoints, boolean pooledDb) {
    this.endpoints = endpoints;
    s3 = new S3Fixture(endpoints);
    db = new DbFixture(endpoints, pooledDb);
    purges = new PurgeRecordStore(db.jdbc());
    holds = new LegalHoldStore(db.jdbc());
    events = new DatasetEventStore(db.jdbc(), new ObjectMapper());
    quotas =
        new QuotaLedger(
            db.jdbc(),
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
            new ObjectMapper(),
            new QuotaDefaults(10L << 30, 100_000),
            Clock.systemUTC());
    openSearch = OpenSearchClients.create(endpoints.openSearchUrl());
    index = new TenantIndexStore(openSearch);
    killSwitchService =
        new KillSwitchService(
            new KillSwitchStore(db.jdbc()),
            events,
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
            Clock.systemUTC());
    killSwitches =
        new CachedKillSwitches(
                new KillSwitchStore(db.jdbc()),
                null,
                new KillSwitchProperties(Duration.ofMillis(100), Duration.ofSeconds(2)),
                Clock.systemUTC())
            .start();
  }

  public PurgeActivities activities(Env env, int pageSize) {
    return activities(env, pageSize, 1, s3);
  }

  /** Activities whose object storage is {@code bucket} (e.g. a versioned one elsewhere). */
  public PurgeActivities activities(Env env, int pageSize, S3Fixture bucket) {
    return activities(env, pageSize, 1, bucket);
  }

  /** {@code concurrency}: parallel DeleteObjects calls in the storage step. */
  public PurgeActivities activities(Env env, int pageSize, int concurrency, S3Fixture bucket) {
    return activities(env, pageSize, concurrency, bucket, index);
  }

  /** Activities that reach OpenSearch through {@code index} (e.g. through a proxy a test cuts). */
  public PurgeActivities activities(Env env, int pageSize, TenantIndexStore index) {
    return activities(env, pageSize, 1, s3, index);
  }

  private PurgeActivities activities(
      Env env, int pageSize, int concurrency, S3Fixture bucket, TenantIndexStore index) {
    return activities(env, pageSize, concurrency, bucket, index, StorageSharding.DEFAULTS);
  }

  /** {@code sharding}: the storage step's key ranges and how many run at once. */
  public PurgeActivities activities(
      Env env, int pageSize, int concurrency, S3Fixture bucket, StorageSharding sharding) {
    return activities(env, pageSize, concurrency, bucket, index, sharding);
  }

  private PurgeActivities activities(
      Env env,
      int pageSize,
      int concurrency,
      S3Fixture bucket,
      TenantIndexStore index,
      StorageSharding sharding) {
    return PurgeActivities.wire(
        new PurgeActivities.Stores(
            new TenantObjectStore(bucket.s3(), bucket.bucket()),
            new VersionedObjectStore(bucket.s3(), bucket.bucket()),
            new StorageProgress(db.jdbc()),
            index,
            new IndexProgress(db.jdbc()),
            new LogArchiveStore(
                bucket.s3(),
                bucket.bucket(),
                new ObjectMapper(),
                new ArchiveLeases(db.jdbc()),
                new PgArchiveIndex(db.jdbc(), bucket.bucket()),
                TenantObjectStore.MAX_BATCH),
            purges,
            holds,
            events,
            killSwitches,
            quotas,
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()))),
        env,
        pageSize,
        concurrency,
        HeartbeatingStep.DEFAULT_OUTAGE_TOLERANCE,
        PurgeActivities.DEFAULT_INDEX_LANES,
        sharding,
        PurgeRecordActivitiesImpl.DEFAULT_REFUSAL_WINDOW,
        new ObjectMapper(),
        Clock.systemUTC(),
        PurgeMetrics.none());
  }

  /**
   * Admits a purge of {@code tenant} in env {@code prod}, asked by {@code user:dpo}, and returns
   * the request its workflow runs.
   */
  public PurgeRequest admitPurge(String tenant) {
    var record =
        purges
            .admit(
                PurgeRecord.requested(
                    TenantId.of(tenant), Env.of("prod"), "user:dpo", "test", null, "t"),
                r -> "it")
            .purge();
    return request(record.purgeId().toString(), tenant);
  }

  /**
   * An immediate real purge {@code purgeId} of {@code tenant} in {@code prod} by {@code user:dpo}.
   */
  public static PurgeRequest request(String purgeId, String tenant) {
    return new PurgeRequest(
        purgeId, tenant, "prod", "user:dpo", "test", null, "t", 0, false, 0, 0, 0);
  }

  @Override
  public void close() {
    killSwitches.close();
    s3.close();
  }
}
