package dev.warden.workflows.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** Two-person approval: approve, reject, expiry (time skipping), dry runs and cancels. */
class PurgeApprovalWorkflowTest {

  static final long WEEK = Duration.ofDays(7).toSeconds();

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  static PurgeRequest request(long graceSeconds, boolean dryRun, int approvals) {
    return PurgeTestHarness.request(graceSeconds, dryRun, approvals, WEEK, 0);
  }

  private PurgeOutcome result(WorkflowExecution execution) {
    return h.env
        .getWorkflowClient()
        .newUntypedWorkflowStub(execution.getWorkflowId())
        .getResult(PurgeOutcome.class);
  }

  @Test
  void givenAnApprovalSignalledBeforeTheRunBegan_whenItStarts_thenTheApprovalCounts() {
    // Signal-with-start puts the approval before the first workflow task, as a worker killed
    // during that task does: the handler runs before the workflow method has read its request.
    TenantPurgeWorkflow workflow = h.start();
    BatchRequest both = h.env.getWorkflowClient().newSignalWithStartRequest();
    both.add(workflow::purge, request(0, false, 1));
    both.add(workflow::approvalRecorded, h.approval("user:dpo")); // the requester's own: ignored
    both.add(workflow::approvalRecorded, h.approval("user:dpo-2"));
    WorkflowExecution execution = h.env.getWorkflowClient().signalWithStart(both);

    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().approvedBy()).containsExactly("user:dpo-2");
  }

  @Test
  void
      givenOneApprovalNeeded_whenASecondUserApproves_thenTheGracePeriodStartsAfterItAndItCompletes() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(3600, false, 1));
    h.env.sleep(Duration.ofDays(1));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.AWAITING_APPROVAL);
    assertThat(
            h.env
                .getWorkflowClient()
                .newUntypedWorkflowStub(execution.getWorkflowId())
                .describe()
                .getTypedSearchAttributes()
                .get(SearchAttributes.STATUS))
        .as("Temporal UI finds it by WardenStatus")
        .isEqualTo("AWAITING_APPROVAL");

    workflow.approvalRecorded(h.approval("user:dpo"));
    h.env.sleep(Duration.ofMinutes(1));
    assertThat(workflow.progress().status())
        .as("the requester's own approval counts for nothing")
        .isEqualTo(PurgeStatus.AWAITING_APPROVAL);
    verify(h.storage, never()).purgeTenantShard(any(), any());

    long approvedAt = h.env.currentTimeMillis();
    workflow.approvalRecorded(h.approval("user:dpo-2"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().approvedBy()).containsExactly("user:dpo-2");
    assertThat(outcome.receipt().completedAtMillis() - approvedAt)
        .as("the whole grace period runs after the approval")
        .isGreaterThanOrEqualTo(3600_000L);
    InOrder order = inOrder(h.records, h.storage);
    order.verify(h.records).setStatus(eq("p-1"), eq(PurgeStatus.AWAITING_APPROVAL), any(), any());
    order.verify(h.records).recordApproval("p-1", "user:dpo-2");
    order
        .verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.PURGE_APPROVED
                        && "user:dpo-2".equals(e.actor())
                        && e.attempt() == 1));
    order
        .verify(h.records)
        .setStatus(eq("p-1"), eq(PurgeStatus.WAITING_GRACE_PERIOD), any(), any());
    order.verify(h.storage).purgeTenantShard(any(), any());
    verify(h.records, never()).recordApproval("p-1", "user:dpo");
  }

  @Test
  void givenAPurgeAwaitingApproval_whenSignalsNameAnActorOrAnUnknownDecision_thenTheyAreRefused() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(0, false, 1));
    h.env.sleep(Duration.ofHours(1));

    workflow.approve("user:dpo-2"); // straight to Temporal, naming a second person
    workflow.approvalRecorded(java.util.UUID.randomUUID().toString()); // no such record
    workflow.rejectionRecorded(h.approval("user:dpo-3")); // an approval is no rejection
    workflow.cancel("user:dpo-2", "sent by hand");
    h.env.sleep(Duration.ofHours(1));

    assertThat(workflow.progress().status())
        .as("nothing the API did not record counts")
        .isEqualTo(PurgeStatus.AWAITING_APPROVAL);
    verify(h.records)
        .takeDecision(
            argThat(
                s ->
                    s.decisionId() == null
                        && "approve".equals(s.signal())
                        && "user:dpo-2".equals(s.claimedActor())));
    verify(h.records)
        .takeDecision(argThat(s -> s.decisionId() == null && "cancel".equals(s.signal())));
    verify(h.records, org.mockito.Mockito.times(4)).takeDecision(any());
    verify(h.records, never()).recordApproval(any(), any());

    workflow.approvalRecorded(h.approval("user:dpo-2"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().approvedBy()).containsExactly("user:dpo-2");
  }

  @Test
  void givenTwoApprovalsNeeded_whenOneUserApprovesTwice_thenItStillWaitsForAnother() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(0, false, 2));
    h.env.sleep(Duration.ofHours(1));

    workflow.approvalRecorded(h.approval("user:dpo-2"));
    workflow.approvalRecorded(h.approval("user:dpo-2"));
    h.env.sleep(Duration.ofHours(1));
    assertThat(workflow.progress().status()).isEqualTo(PurgeStatus.AWAITING_APPROVAL);
    workflow.approvalRecorded(h.approval("user:dpo-3"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().approvedBy()).containsExactly("user:dpo-2", "user:dpo-3");
  }

  @Test
  void givenAPurgeAwaitingApproval_whenRejected_thenItEndsRejectedWithNothingDeleted() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(3600, false, 1));
    h.env.sleep(Duration.ofHours(1));

    workflow.rejectionRecorded(h.rejection("user:dpo", "own rejection is ignored"));
    workflow.rejectionRecorded(h.rejection("user:dpo-2", "ticket does not match the customer"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.REJECTED);
    assertThat(outcome.receipt().partial()).isTrue();
    assertThat(outcome.receipt().deleted()).isEmpty();
    assertThat(outcome.receipt().stopReason())
        .isEqualTo("rejected by user:dpo-2: ticket does not match the customer");
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.index, never()).purgeTenantDocuments(any());
    verify(h.logs, never()).purgeTenantLogs(any());
    verify(h.records)
        .emit(
            argThat(
                e ->
                    e.type() == PurgeEventType.PURGE_REJECTED
                        && "user:dpo-2".equals(e.actor())
                        && e.attributes().get("reason").contains("ticket does not match")));
    verify(h.records).complete(argThat(o -> o.status() == PurgeStatus.REJECTED));
  }

  @Test
  void givenNoApproval_whenTheTimeoutPasses_thenItExpiresOnOneTimerWithNothingDeleted() {
    long before = h.env.currentTimeMillis();

    PurgeOutcome outcome = h.start().purge(request(3600, false, 1));

    assertThat(outcome.status()).isEqualTo(PurgeStatus.EXPIRED);
    assertThat(outcome.receipt().completedAtMillis() - before).isGreaterThanOrEqualTo(WEEK * 1000);
    assertThat(outcome.receipt().stopReason()).contains("no approval within PT168H");
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.records)
        .emit(argThat(e -> e.type() == PurgeEventType.PURGE_APPROVAL_EXPIRED && e.actor() == null));
    verify(h.records).complete(argThat(o -> o.status() == PurgeStatus.EXPIRED));
    List<EventType> timers =
        h
            .env
            .getWorkflowClient()
            .fetchHistory(WorkflowIds.tenantPurge("prod", "acme"))
            .getEvents()
            .stream()
            .map(e -> e.getEventType())
            .filter(t -> t == EventType.EVENT_TYPE_TIMER_STARTED)
            .toList();
    assertThat(timers).as("one durable timer, no polling").hasSize(1);
  }

  @Test
  void givenADryRun_whenApprovalsAreRequired_thenItNeedsNone() {
    PurgeOutcome outcome = h.start().purge(request(0, true, 1));

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(outcome.receipt().dryRun()).isTrue();
    verify(h.records, never()).setStatus(any(), eq(PurgeStatus.AWAITING_APPROVAL), any(), any());
  }

  @Test
  void givenAPurgeAwaitingApproval_whenCancelled_thenItEndsCancelledAndLaterApprovalsAreIgnored() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(0, false, 1));
    h.env.sleep(Duration.ofHours(1));

    workflow.cancelRecorded(h.cancel("user:dpo", "customer withdrew"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    verify(h.storage, never()).purgeTenantShard(any(), any());
    verify(h.records, never()).recordApproval(any(), any());
  }

  @Test
  void givenAPurgeAwaitingApproval_whenALegalHoldIsPlaced_thenItStopsBeforeAnyApprovalCounts() {
    TenantPurgeWorkflow workflow = h.start();
    WorkflowExecution execution = WorkflowClient.start(workflow::purge, request(0, false, 1));
    h.env.sleep(Duration.ofHours(1));

    workflow.legalHoldPlaced("user:legal", "litigation 42");
    workflow.approvalRecorded(h.approval("user:dpo-2"));
    PurgeOutcome outcome = result(execution);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.CANCELLED);
    assertThat(outcome.receipt().stopReason()).contains("litigation 42");
    verify(h.storage, never()).purgeTenantShard(any(), any());
  }
}
