package dev.warden.activities.support;

import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.workflows.admin.SearchAttributeAdmin;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.purge.TenantPurgeWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.UUID;

/** The devstack's Temporal server with purge workers on a task queue of this test's own. */
public final class TemporalFixture implements AutoCloseable {

  public final WorkflowServiceStubs service;
  public final WorkflowClient client;
  public final String taskQueue = "it-purge-" + UUID.randomUUID();

  /** The test run's devstack. */
  public TemporalFixture() {
    this(DevStackExtension.endpoints());
  }

  /** A devstack started elsewhere (the scale bench starts its own). */
  public TemporalFixture(DevStackEndpoints endpoints) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(endpoints.temporalTarget()).build());
    client = WorkflowClient.newInstance(service);
    SearchAttributeAdmin.register(service, "default");
  }

  /** A started worker running the real workflow with these activities. */
  public WorkerFactory worker(PurgeActivities activities) {
    return worker(activities, WorkerFactoryOptions.getDefaultInstance());
  }

  /**
   * A worker that runs only the workflow, on this fixture's task queue, and its transitions and
   * preflight: they are local activities, which run in the worker that runs the workflow ({@code
   * activities}' record and preflight activities, for local use only; the server's activities go to
   * other workers).
   */
  public WorkerFactory workflowWorker(PurgeActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker =
        factory.newWorker(
            taskQueue,
            PurgeWorkerOptions.apply(WorkerOptions.newBuilder())
                .setLocalActivityWorkerOnly(true)
                .build());
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.records(), activities.preflight());
    factory.start();
    return factory;
  }

  /**
   * A worker that runs only the activities. Crash tests stop this one, so the workflow worker stays
   * up (a process kill of a workflow worker is WorkerCrashIT's, in the worker module).
   */
  public WorkerFactory activityWorker(PurgeActivities activities) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    activities.registerOn(factory.newWorker(taskQueue, PurgeWorkerOptions.defaults()));
    factory.start();
    return factory;
  }

  /** A started worker with factory options of the caller's (e.g. interceptors of a bench). */
  public WorkerFactory worker(PurgeActivities activities, WorkerFactoryOptions options) {
    return worker(activities, options, true);
  }

  /**
   * {@code sticky = false}: as {@code ./warden up} runs it on the Java test server (see {@link
   * PurgeWorkerOptions}).
   */
  public WorkerFactory worker(
      PurgeActivities activities, WorkerFactoryOptions options, boolean sticky) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    var worker =
        factory.newWorker(
            taskQueue, PurgeWorkerOptions.apply(WorkerOptions.newBuilder(), sticky).build());
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    activities.registerOn(worker);
    factory.start();
    return factory;
  }

  public TenantPurgeWorkflow purge(String workflowId) {
    return client.newWorkflowStub(
        TenantPurgeWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(taskQueue).build());
  }

  public io.temporal.api.common.v1.WorkflowExecution start(
      String workflowId, PurgeRequest request) {
    return WorkflowClient.start(purge(workflowId)::purge, request);
  }

  @Override
  public void close() {
    service.shutdown();
  }
}
