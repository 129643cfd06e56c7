package dev.warden.api.reconcile;

import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.reconcile.ReconcileActivities;
import dev.warden.activities.reconcile.ReconcileActivitiesConfiguration;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.reconcile.QuotaReconciliationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
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
    // Not sticky: the shared test server never hands a dead worker's sticky tasks back, so a
    // run this JVM leaves unfinished on exit would wedge; without it another worker takes it.
    Worker worker =
        factory.newWorker(
            TaskQueues.RECONCILE,
            PurgeWorkerOptions.apply(WorkerOptions.newBuilder(), false).build());
    worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    activities.registerOn(worker);
    return factory;
  }
}
