package dev.warden.api.reconcile;

import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.reconcile.ReconcileActivities;
import dev.warden.activities.reconcile.ReconcileActivitiesConfiguration;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.reconcile.QuotaReconciliationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The reconciliation's workflow and activities, in process, for the API's end-to-end tests. */
@TestConfiguration(proxyBeanMethods = false)
@Import(ReconcileActivitiesConfiguration.class)
public class ReconcileInProcessWorker {

  @Bean(initMethod = "start", destroyMethod = "shutdownNow")
  WorkerFactory reconcileWorkerFactory(WorkflowClient client, ReconcileActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    // Sticky, as in production: a run this JVM leaves unfinished on exit goes back to the shared
    // queue after the sticky schedule-to-start timeout, and another worker takes it.
    Worker worker = factory.newWorker(TaskQueues.RECONCILE, PurgeWorkerOptions.defaults());
    worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    activities.registerOn(worker);
    return factory;
  }
}
