package dev.warden.api.purge;

import dev.warden.engines.purge.PurgeRecord;
import dev.warden.workflows.admin.SearchAttributesOnce;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Starts purge workflows and reaches running ones; the API's only contact with Temporal. */
@Component
class PurgeWorkflows {

  private final WorkflowClient temporal;
  private final SearchAttributesOnce searchAttributes;
  private final ApprovalPolicy approvals;

  PurgeWorkflows(WorkflowClient temporal, ApprovalPolicy approvals) {
    this.temporal = temporal;
    this.searchAttributes = new SearchAttributesOnce(temporal);
    this.approvals = approvals;
  }

  void start(PurgeRecord purge) {
    searchAttributes.ensure();
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(purge.workflowId())
            .setTaskQueue(TaskQueues.PURGE)
            // A finished purge of the tenant may be followed by a new one (new data arrived).
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SearchAttributes.TENANT, purge.tenantId())
                    .set(SearchAttributes.ENV, purge.env())
                    .set(SearchAttributes.STATUS, purge.status().name())
                    .set(SearchAttributes.STEP, "-")
                    .set(SearchAttributes.DUE_AT, purge.dueAt().atOffset(ZoneOffset.UTC))
                    .build())
            .setStaticSummary(summary(purge))
            .setStaticDetails(details(purge))
            .build();
    TenantPurgeWorkflow workflow = temporal.newWorkflowStub(TenantPurgeWorkflow.class, options);
    WorkflowClient.start(
        workflow::purge,
        new PurgeRequest(
            purge.purgeId().toString(),
            purge.tenantId(),
            purge.env(),
            purge.requestedBy(),
            purge.reason(),
            purge.ticket(),
            purge.traceId(),
            purge.gracePeriodSeconds(),
            purge.dryRun(),
            purge.approvalsRequired(),
            approvals.timeout().toSeconds(),
            purge.dueAt().toEpochMilli()));
  }

  /**
   * Moves the running workflow's WardenDueAt to the extension recorded as {@code decisionId}; the
   * caller decides what a failure means.
   */
  void signalDeadline(PurgeRecord purge, java.util.UUID decisionId) {
    running(purge).extensionRecorded(decisionId.toString());
  }

  /** The purge's own run, never a later purge of the same tenant that reused the id. */
  TenantPurgeWorkflow running(PurgeRecord purge) {
    return temporal.newWorkflowStub(
        TenantPurgeWorkflow.class, purge.workflowId(), Optional.ofNullable(purge.runId()));
  }

  /** What Temporal says about a purge's workflow run. */
  enum Liveness {
    RUNNING,
    /** The run ended (failed, terminated, timed out…) or Temporal no longer knows it. */
    GONE,
    /** Temporal did not answer: nothing can be concluded. */
    UNREACHABLE
  }

  /** Whether the purge's run is still alive; describes the latest run when no run id is known. */
  Liveness liveness(PurgeRecord purge) {
    return liveness(purge.workflowId(), Optional.ofNullable(purge.runId()));
  }

  private Liveness liveness(String workflowId, Optional<String> runId) {
    try {
      WorkflowExecutionStatus status =
          temporal
              .newUntypedWorkflowStub(workflowId, runId, Optional.empty())
              .describe()
              .getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
        return liveness(workflowId, Optional.empty());
      }
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? Liveness.RUNNING
          : Liveness.GONE;
    } catch (RuntimeException failure) {
      return notFound(failure) ? Liveness.GONE : Liveness.UNREACHABLE;
    }
  }

  /** True when Temporal answered that the workflow (or run) does not exist. */
  static boolean notFound(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException
          || (t instanceof StatusRuntimeException grpc
              && grpc.getStatus().getCode() == Status.Code.NOT_FOUND)) {
        return true;
      }
    }
    return false;
  }

  static String summary(PurgeRecord p) {
    return "%sPurge %s (%s)%s"
        .formatted(
            p.dryRun() ? "Dry run: " : "",
            p.tenantId(),
            p.env(),
            p.ticket() == null ? "" : " — ticket " + p.ticket());
  }

  static String details(PurgeRecord p) {
    return """
        **Tenant purge** (GDPR erasure) of `%s` in `%s`

        | | |
        |---|---|
        | purge id | `%s` |
        | requested by | %s |
        | reason | %s |
        | ticket | %s |
        | grace period | %s |
        | dry run | %s |
        | approvals needed | %s |
        | request received | %s |
        | due (GDPR deadline) | %s (search attribute `WardenDueAt` follows extensions) |

        Steps: approval → grace period → storage → index → logs → verify → receipt. A second
        compliance user approves with `POST /v1/purges/%s/approve` (or rejects with `.../reject`).
        Operators: retry with `POST /v1/purges/%s/retry`, stop with `POST /v1/purges/%s/cancel`.
        """
        .formatted(
            p.tenantId(),
            p.env(),
            p.purgeId(),
            p.requestedBy(),
            p.reason(),
            p.ticket() == null ? "-" : p.ticket(),
            Duration.ofSeconds(p.gracePeriodSeconds()),
            p.dryRun(),
            p.approvalsRequired(),
            p.receivedAt(),
            p.dueAt(),
            p.purgeId(),
            p.purgeId(),
            p.purgeId());
  }
}
