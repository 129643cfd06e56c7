package dev.warden.api.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.storage.LogArchiveStore;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.storage.VersionedObjectStore;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.purge.TenantPurgeWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The API never runs workers; for an end-to-end test this one runs the real workflow and activities
 * against the same real servers, started only when the test says so.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(dev.warden.api.reconcile.ReconcileInProcessWorker.class)
class InProcessWorker {

  @Bean(initMethod = "start", destroyMethod = "shutdownNow")
  WorkerFactory purgeWorkerFactory(
      WorkflowClient client,
      TenantObjectStore objects,
      VersionedObjectStore versions,
      TenantIndexStore index,
      LogArchiveStore archives,
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      WardenProperties properties,
      ObjectMapper json) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.PURGE, PurgeWorkerOptions.defaults());
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        PurgeActivities.wire(
                new PurgeActivities.Stores(
                    objects, versions, index, archives, purges, holds, events, killSwitches),
                properties,
                json,
                Clock.systemUTC())
            .all());
    return factory;
  }
}
