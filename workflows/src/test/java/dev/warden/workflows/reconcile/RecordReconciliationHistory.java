package dev.warden.workflows.reconcile;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.warden.workflows.contract.ApplyPage;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.LedgerActivities;
import dev.warden.workflows.contract.MeasurePage;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconcileStart;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.ReconciliationResult;
import dev.warden.workflows.contract.ReconciliationStatus;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.UsageActivities;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every run of a whole-env reconciliation that is blocked by a kill switch mid-listing,
 * continues as new twice, has one tenant fail on the first apply pass and corrects it on the retry
 * pass, for {@link QuotaReconciliationWorkflowReplayTest}. Run it (main method, test classpath,
 * argument: the file prefix) only when a change is meant to be incompatible; otherwise guard the
 * change with {@code Workflow.getVersion} and keep the recorded histories replaying.
 */
public final class RecordReconciliationHistory {

  public static void main(String[] args) throws Exception {
    String prefix = args.length > 0 ? args[0] : QuotaReconciliationWorkflowReplayTest.DIR + "/v0";
    LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
    UsageActivities usage = mock(UsageActivities.class, withSettings().withoutAnnotations());
    GuardDecision blocked = GuardDecision.blocked("k1", "action:reconcile", "incident");
    when(ledger.begin(any())).thenReturn(new ReconcileStart(false, null, "sweep", "c0", 12, 0));
    AtomicInteger listed = new AtomicInteger();
    when(usage.measure(any(), anyString()))
        .thenAnswer(
            i -> {
              int n = listed.incrementAndGet();
              return new MeasurePage("c" + n, n == 8, 1000, 1, "t" + n, n == 3 ? blocked : null);
            });
    when(ledger.check(any(), isNull())).thenReturn(blocked, GuardDecision.ALLOWED);
    AtomicInteger applied = new AtomicInteger();
    when(ledger.apply(any(), eq("MEASURED"), any()))
        .thenAnswer(
            i -> {
              int n = applied.incrementAndGet();
              return new ApplyPage(n == 4, 3, 2, 0, 0, n == 2 ? 1 : 0, 64, "t" + n, null, null);
            });
    when(ledger.apply(any(), eq("FAILED"), any()))
        .thenReturn(new ApplyPage(true, 1, 1, 0, 0, 0, 64, "t5", null, null));
    when(ledger.finish(any(), any(), any(), anyInt(), anyLong()))
        .thenAnswer(
            i ->
                new ReconciliationResult(
                    "r-replay",
                    ReconciliationStatus.COMPLETED,
                    "sweep",
                    false,
                    12,
                    12,
                    9,
                    0,
                    0,
                    576,
                    i.getArgument(4),
                    i.getArgument(3),
                    null));
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
      Worker worker = env.newWorker(TaskQueues.RECONCILE);
      worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
      worker.registerActivitiesImplementations(ledger, usage);
      env.start();
      String workflowId = WorkflowIds.quotaReconciliationRun("prod", "r-replay");
      QuotaReconciliationWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  QuotaReconciliationWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(workflowId)
                      .setTaskQueue(TaskQueues.RECONCILE)
                      .build());
      var request =
          new ReconciliationRequest(
              "r-replay", "prod", List.of(), false, "user:ops", "t-1", 40, null);
      String runId = WorkflowClient.start(workflow::reconcile, request).getRunId();
      env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(Object.class);
      int run = 0;
      while (runId != null) {
        WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(workflowId, runId);
        Path out = Path.of(prefix + "-run" + ++run + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, history.toJson(true));
        System.out.println("wrote " + out + " (" + history.getEvents().size() + " events)");
        runId = nextRun(history.getLastEvent());
      }
    }
    System.exit(0);
  }

  private static String nextRun(HistoryEvent last) {
    return last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
        ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
        : null;
  }
}
