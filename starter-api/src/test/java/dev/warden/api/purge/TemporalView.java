package dev.warden.api.purge;

import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * What Temporal UI shows of one purge, read back from Temporal as the UI reads it:
 * DescribeWorkflowExecution (search attributes, static summary and details), the SDK's built-in
 * metadata query (current details), the history (activity summaries) and the {@code progress}
 * query.
 *
 * <p>Temporal's dev server returns all of these, except that DescribeWorkflowExecution's pending
 * activities carry no summary in this API version (1.38): the summaries are read from the history's
 * ActivityTaskScheduled events and local activities' MarkerRecorded events, where the UI's timeline
 * shows them too.
 */
record TemporalView(
    String tenant,
    String env,
    String step,
    String status,
    OffsetDateTime dueAt,
    String staticSummary,
    String staticDetails,
    String currentDetails,
    List<String> activitySummaries,
    PurgeProgress progress) {

  /**
   * The view once Temporal shows {@code status}. PostgreSQL has a status as soon as the
   * transition's local activity wrote it, inside a workflow task; the search attributes and details
   * that task sets reach Temporal when it completes, a moment later.
   */
  static TemporalView once(
      WorkflowClient temporal, String workflowId, String runId, String status) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> of(temporal, workflowId, runId), view -> status.equals(view.status()));
  }

  static TemporalView of(WorkflowClient temporal, String workflowId, String runId) {
    WorkflowStub stub =
        temporal.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
    WorkflowExecutionDescription description = stub.describe();
    io.temporal.common.SearchAttributes attributes = description.getTypedSearchAttributes();
    WorkflowMetadata metadata = stub.query("__temporal_workflow_metadata", WorkflowMetadata.class);
    PurgeProgress progress =
        temporal
            .newWorkflowStub(TenantPurgeWorkflow.class, workflowId, Optional.of(runId))
            .progress();
    return new TemporalView(
        attributes.get(SearchAttributes.TENANT),
        attributes.get(SearchAttributes.ENV),
        attributes.get(SearchAttributes.STEP),
        attributes.get(SearchAttributes.STATUS),
        attributes.get(SearchAttributes.DUE_AT),
        description.getStaticSummary(),
        description.getStaticDetails(),
        metadata.getCurrentDetails(),
        activitySummaries(temporal, workflowId, runId),
        progress);
  }

  private static List<String> activitySummaries(
      WorkflowClient temporal, String workflowId, String runId) {
    return temporal.fetchHistory(workflowId, runId).getEvents().stream()
        // Server activities, and local ones (their markers carry the summary; Temporal UI shows
        // both)
        .filter(
            e ->
                e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                    || e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filter(HistoryEvent::hasUserMetadata)
        .map(
            e ->
                temporal
                    .getOptions()
                    .getDataConverter()
                    .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
