package dev.warden.api.purge;

import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeActivitiesConfiguration;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.purge.TenantPurgeWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The API never runs workers; for an end-to-end test this one runs the real workflow and activities
 * against the same real servers, started only when the test says so.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
  PurgeActivitiesConfiguration.class,
  dev.warden.api.reconcile.ReconcileInProcessWorker.class
})
class InProcessWorker {

  @Bean(initMethod = "start", destroyMethod = "shutdownNow")
  WorkerFactory purgeWorkerFactory(WorkflowClient client, PurgeActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    // Sticky, as in production: a run this JVM leaves unfinished on exit goes back to the shared
    // queue after the sticky schedule-to-start timeout, and another worker takes it.
    Worker worker = factory.newWorker(TaskQueues.PURGE, PurgeWorkerOptions.defaults());
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    activities.registerOn(worker);
    return factory;
  }
}
