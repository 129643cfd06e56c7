package dev.warden.workflows.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.warden.workflows.contract.ApplyPage;
import dev.warden.workflows.contract.LedgerActivities;
import dev.warden.workflows.contract.MeasurePage;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconcileStart;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.UsageActivities;
import dev.warden.workflows.reconcile.QuotaReconciliationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceContextPropagatorTest {

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  TestWorkflowEnvironment env =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder()
              .setWorkflowClientOptions(
                  TraceContextPropagator.addTo(WorkflowClientOptions.newBuilder()).build())
              .build());

  @AfterEach
  void tearDown() {
    TraceContext.clear();
    env.close();
  }

  @Test
  void givenARequestsTraceInTheMdc_whenItStartsAWorkflow_thenEveryActivitySeesItInItsMdc() {
    Map<String, String> seen = new ConcurrentHashMap<>();
    LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
    UsageActivities usage = mock(UsageActivities.class, withSettings().withoutAnnotations());
    when(ledger.begin(any()))
        .thenAnswer(
            i -> {
              seen.put("begin", MDC.get(TraceContext.TRACE_ID));
              return new ReconcileStart(false, null, "sweep", "c0", 1, 0);
            });
    when(usage.measure(any(), anyString()))
        .thenAnswer(
            i -> {
              seen.put("measure", MDC.get(TraceContext.TRACEPARENT));
              return new MeasurePage("c1", true, 1, 1, "t", null);
            });
    when(ledger.apply(any(), anyString(), any()))
        .thenReturn(new ApplyPage(true, 1, 0, 1, 0, 0, 0, "t", null, null));
    when(ledger.finish(any(), any(), any(), anyInt(), anyLong())).thenReturn(null);
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    Worker worker = env.newWorker(TaskQueues.RECONCILE);
    worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    worker.registerActivitiesImplementations(ledger, usage);
    env.start();
    QuotaReconciliationWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                QuotaReconciliationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("quota-reconciliation/prod/trace")
                    .setTaskQueue(TaskQueues.RECONCILE)
                    .build());

    new TraceContext(TRACEPARENT, "4bf92f3577b34da6a3ce929d0e0e4736").install();
    WorkflowClient.start(
        workflow::reconcile,
        new ReconciliationRequest("trace", "prod", List.of(), false, "user:ops", null, 0, null));
    TraceContext.clear();
    env.getWorkflowClient()
        .newUntypedWorkflowStub("quota-reconciliation/prod/trace")
        .getResult(Object.class);

    assertThat(seen)
        .containsEntry("begin", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("measure", TRACEPARENT);
  }

  @Test
  void givenTraceparents_whenRead_thenOnlyValidW3cOnesGiveATraceId() {
    assertThat(TraceContext.traceIdOf(TRACEPARENT)).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(TraceContext.traceIdOf("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
        .isEmpty();
    assertThat(TraceContext.traceIdOf("00-4BF92F-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceContext.traceIdOf(null)).isEmpty();
  }
}
