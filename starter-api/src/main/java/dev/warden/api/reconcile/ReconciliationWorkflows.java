package dev.warden.api.reconcile;

import dev.warden.api.web.RequestContext;
import dev.warden.workflows.admin.SearchAttributesOnce;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.ReconciliationStatus;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import org.springframework.stereotype.Component;

/** Starts on-demand reconciliations; the API's only contact with their workflows. */
@Component
class ReconciliationWorkflows {

  private final WorkflowClient temporal;
  private final SearchAttributesOnce searchAttributes;

  ReconciliationWorkflows(WorkflowClient temporal) {
    this.temporal = temporal;
    this.searchAttributes = new SearchAttributesOnce(temporal);
  }

  void start(
      String id, String workflowId, List<String> only, boolean dryRun, RequestContext context) {
    searchAttributes.ensure();
    String env = workflowId.split("/")[1];
    String scope = only == null ? "every tenant" : only.size() + " tenant(s)";
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.RECONCILE)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SearchAttributes.ENV, env)
                    .set(SearchAttributes.STATUS, ReconciliationStatus.RUNNING.name())
                    .set(SearchAttributes.STEP, "-")
                    .build())
            .setStaticSummary(
                "%sQuota reconciliation of %s (%s)"
                    .formatted(dryRun ? "Dry run: " : "", scope, env))
            .setStaticDetails(
                """
                **Quota reconciliation** `%s` in `%s`, asked for by %s

                Tenants: %s. Measures storage and index usage, corrects the quota ledger%s.
                Report: `GET /v1/reconciliations/%s`.
                """
                    .formatted(
                        id,
                        env,
                        context.actor(),
                        only == null ? "every tenant" : String.join(", ", only),
                        dryRun ? " (dry run: reports only)" : "",
                        id))
            .build();
    QuotaReconciliationWorkflow workflow =
        temporal.newWorkflowStub(QuotaReconciliationWorkflow.class, options);
    WorkflowClient.start(
        workflow::reconcile,
        new ReconciliationRequest(
            id, env, only, dryRun, context.actor(), context.traceId(), 0, null));
  }

  boolean isRunning(String workflowId) {
    try {
      return temporal.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException gone) {
      return false;
    }
  }
}
