package dev.warden.api.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.reconcile.ReconcileActivities;
import dev.warden.activities.reconcile.ReconcileMetrics;
import dev.warden.activities.reconcile.ReconcileSettings;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.quota.LedgerCorrections;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.ReconcileProperties;
import dev.warden.engines.quota.ReconciliationRuns;
import dev.warden.engines.quota.ReconciliationTenants;
import dev.warden.engines.storage.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.reconcile.QuotaReconciliationWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The reconciliation's workflow and activities, in process, for the API's end-to-end tests. */
@TestConfiguration(proxyBeanMethods = false)
public class ReconcileInProcessWorker {

  @Bean(initMethod = "start", destroyMethod = "shutdownNow")
  WorkerFactory reconcileWorkerFactory(
      WorkflowClient client,
      UsageSweep storage,
      TenantIndexStore index,
      QuotaLedger ledger,
      LedgerCorrections corrections,
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      WardenProperties warden,
      ReconcileProperties properties,
      MeterRegistry registry,
      ObjectMapper json) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(TaskQueues.RECONCILE, PurgeWorkerOptions.defaults())
        .registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    factory
        .getWorker(TaskQueues.RECONCILE)
        .registerActivitiesImplementations(
            ReconcileActivities.wire(
                    new ReconcileActivities.Stores(
                        storage, index, ledger, corrections, runs, tenants, events, killSwitches),
                    new ReconcileSettings(
                        Env.of(warden.env()),
                        properties.mode(),
                        properties.pageSize(),
                        properties.tenantsPerPage(),
                        Duration.ofSeconds(30)),
                    new ReconcileMetrics(registry),
                    json,
                    Clock.systemUTC())
                .all());
    return factory;
  }
}
