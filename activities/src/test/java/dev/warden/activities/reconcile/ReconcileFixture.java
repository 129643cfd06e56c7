package dev.warden.activities.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.quota.QuotaDefaults;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.admin.SearchAttributeAdmin;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.WorkflowIds;
import dev.warden.workflows.reconcile.QuotaReconciliationWorkflowImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The devstack's PostgreSQL, OpenSearch and Temporal with a bucket of this fixture's own (a
 * transient S3Proxy, so versioning works), wired into reconciliation activities like the worker.
 */
public final class ReconcileFixture implements AutoCloseable {

  public final ActivityFixture stores;
  public final S3ProxyServer proxy;
  public final S3Fixture bucket;
  final QuotaLedger ledger;
  final QuotaReservations reservations;
  final ReconciliationRuns runs;
  final ReconciliationTenants tenants;
  final LedgerCorrections corrections;
  final WorkflowServiceStubs service =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setTarget(DevStackExtension.endpoints().temporalTarget())
              .build());
  final WorkflowClient client = WorkflowClient.newInstance(service);
  final String taskQueue = "it-reconcile-" + UUID.randomUUID();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  public ReconcileFixture() throws Exception {
    this(false);
  }

  /**
   * @param pooledDb a connection pool as the worker has (the scale bench)
   */
  ReconcileFixture(boolean pooledDb) throws Exception {
    stores = new ActivityFixture(DevStackExtension.endpoints(), pooledDb);
    runs = new ReconciliationRuns(stores.db.jdbc(), Clock.systemUTC());
    tenants = new ReconciliationTenants(stores.db.jdbc(), Clock.systemUTC());
    proxy =
        S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "recon", "recon-secret")
            .ensureBucket("recon-data");
    bucket =
        new S3Fixture(S3Fixture.client(proxy.endpoint(), "recon", "recon-secret"), "recon-data");
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(stores.db.dataSource()));
    ledger =
        new QuotaLedger(
            stores.db.jdbc(),
            tx,
            new ObjectMapper(),
            new QuotaDefaults(1L << 40, 1000),
            Clock.systemUTC());
    reservations = new QuotaReservations(ledger, stores.db.jdbc(), tx, Clock.systemUTC());
    corrections = new LedgerCorrections(stores.db.jdbc(), tx, Clock.systemUTC());
    SearchAttributeAdmin.register(service, "default");
  }

  UsageSweep sweep() {
    return new UsageSweep(bucket.s3(), bucket.bucket());
  }

  public ReconcileActivities activities(Env env, String mode, int pageSize, UsageSweep sweep) {
    return ReconcileActivities.wire(
        new ReconcileActivities.Stores(
            sweep,
            stores.index,
            reservations,
            corrections,
            runs,
            tenants,
            stores.events,
            stores.killSwitches),
        new ReconcileSettings(env, mode, pageSize, 50, Duration.ofSeconds(30)),
        new ReconcileMetrics(meters),
        new ObjectMapper(),
        Clock.systemUTC());
  }

  public WorkerFactory workflowWorker() {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(taskQueue, PurgeWorkerOptions.defaults())
        .registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    factory.start();
    return factory;
  }

  public WorkerFactory activityWorker(ReconcileActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    activities.registerOn(factory.newWorker(taskQueue, PurgeWorkerOptions.defaults()));
    factory.start();
    return factory;
  }

  /** Records the run as the API would, and returns a stub to start it with. */
  public QuotaReconciliationWorkflow admit(String id, Env env, List<String> only) {
    String workflowId = WorkflowIds.quotaReconciliationRun(env.value(), id);
    runs.admit(id, env.value(), only, false, "user:ops", null, workflowId)
        .ifPresent(
            other -> {
              throw new IllegalStateException("another run: " + other);
            });
    return client.newWorkflowStub(
        QuotaReconciliationWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build());
  }

  public static ReconciliationRequest request(String id, Env env) {
    return new ReconciliationRequest(id, env.value(), List.of(), false, "user:ops", null, 0, null);
  }

  void ledgerRow(Env env, String tenant, long bytes, long objects) {
    stores
        .db
        .jdbc()
        .sql(
            """
            insert into quota_ledger (tenant_id, env, storage_bytes_used, storage_objects, updated_at)
            values (?, ?, ?, ?, now())
            on conflict (tenant_id, env) do update set storage_bytes_used = excluded.storage_bytes_used,
              storage_objects = excluded.storage_objects
            """)
        .params(tenant, env.value(), bytes, objects)
        .update();
  }

  /** Every ledger row of the env: tenant → [bytes, objects]. */
  Map<String, List<Long>> ledgerOf(Env env) {
    Map<String, List<Long>> out = new TreeMap<>();
    stores
        .db
        .jdbc()
        .sql(
            "select tenant_id, storage_bytes_used, storage_objects from quota_ledger where env = ?")
        .param(env.value())
        .query(
            rs -> {
              out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
            });
    return out;
  }

  @Override
  public void close() throws Exception {
    bucket.close();
    proxy.close();
    stores.close();
    service.shutdown();
  }
}
