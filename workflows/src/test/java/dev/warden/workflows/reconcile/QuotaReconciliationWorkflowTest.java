package dev.warden.workflows.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
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
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class QuotaReconciliationWorkflowTest {

  static final ReconciliationRequest REQUEST =
      new ReconciliationRequest("r-1", "prod", List.of(), false, "user:ops", "t-1", 0, null);
  static final ApplyPage LAST_PAGE = new ApplyPage(true, 2, 1, 1, 0, 0, 40, "b", null, null);

  TestWorkflowEnvironment env;
  LedgerActivities ledger = mock(LedgerActivities.class, withSettings().withoutAnnotations());
  UsageActivities usage = mock(UsageActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    when(ledger.begin(any())).thenReturn(new ReconcileStart(false, null, "sweep", "c0", 2, 0));
    when(usage.measure(any(), anyString())).thenReturn(page("c-end", true, null));
    when(ledger.apply(any(), anyString(), any())).thenReturn(LAST_PAGE);
    when(ledger.check(any(), any())).thenReturn(GuardDecision.ALLOWED);
    when(ledger.finish(any(), any(), any(), anyInt(), anyLong()))
        .thenAnswer(
            i ->
                new ReconciliationResult(
                    ((ReconciliationRequest) i.getArgument(0)).reconciliationId(),
                    i.getArgument(1),
                    "sweep",
                    false,
                    2,
                    2,
                    1,
                    0,
                    0,
                    40,
                    i.getArgument(4),
                    i.getArgument(3),
                    i.getArgument(2)));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  static MeasurePage page(String cursor, boolean done, GuardDecision blocked) {
    return new MeasurePage(cursor, done, 10, 1, "t", blocked);
  }

  QuotaReconciliationWorkflow start() {
    Worker worker = env.newWorker(TaskQueues.RECONCILE);
    worker.registerWorkflowImplementationTypes(QuotaReconciliationWorkflowImpl.class);
    worker.registerActivitiesImplementations(ledger, usage);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            QuotaReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.quotaReconciliationRun("prod", "r-1"))
                .setTaskQueue(TaskQueues.RECONCILE)
                .build());
  }

  @Test
  void givenStoresThatAnswer_whenReconciled_thenMeasureThenApplyThenFinishOnce() {
    ReconciliationResult result = start().reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    verify(ledger).begin(REQUEST);
    verify(usage).measure(REQUEST, "c0");
    verify(ledger).apply(REQUEST, "MEASURED", null);
    verify(ledger, never()).apply(any(), eq("FAILED"), any());
    verify(ledger).finish(REQUEST, ReconciliationStatus.COMPLETED, null, 0, 10L);
  }

  @Test
  void givenManyPages_whenReconciled_thenItContinuesAsNewCarryingTheCursorsAndHistoryStaysSmall() {
    AtomicInteger calls = new AtomicInteger();
    when(usage.measure(any(), anyString()))
        .thenAnswer(
            i -> {
              int n = calls.incrementAndGet();
              assertThat((String) i.getArgument(1)).isEqualTo(n == 1 ? "c0" : "c" + (n - 1));
              return page("c" + n, n == 60, null);
            });
    AtomicInteger applies = new AtomicInteger();
    when(ledger.apply(any(), eq("MEASURED"), any()))
        .thenAnswer(
            i -> {
              int n = applies.incrementAndGet();
              String after = i.getArgument(2);
              assertThat(after).isEqualTo(n == 1 ? null : "t" + (n - 1));
              return new ApplyPage(n == 40, 1, 1, 0, 0, 0, 5, "t" + n, null, null);
            });
    ReconciliationRequest small =
        new ReconciliationRequest("r-1", "prod", List.of(), false, "user:ops", null, 50, null);

    ReconciliationResult result = start().reconcile(small);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(result.continuations()).isGreaterThanOrEqualTo(5);
    assertThat(calls.get()).isEqualTo(60);
    assertThat(applies.get()).isEqualTo(40);
    verify(ledger, times(1)).begin(any());
    verify(ledger, times(1)).finish(any(), any(), any(), anyInt(), anyLong());
  }

  @Test
  void givenManyPages_whenReconciled_thenSearchAttributesAreUpsertedOnlyWhenTheyChange() {
    AtomicInteger calls = new AtomicInteger();
    when(usage.measure(any(), anyString()))
        .thenAnswer(
            i -> {
              int n = calls.incrementAndGet();
              return page("c" + n, n == 30, null);
            });

    start().reconcile(REQUEST);

    String id = WorkflowIds.quotaReconciliationRun("prod", "r-1");
    long upserts =
        env.getWorkflowClient().fetchHistory(id).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
            .count();
    // RUNNING/MEASURE, RUNNING/APPLY, RUNNING/FINISHED, COMPLETED/FINISHED: not one per page.
    assertThat(upserts).isEqualTo(4);
    var shown = env.getWorkflowClient().newUntypedWorkflowStub(id).describe();
    assertThat(shown.getTypedSearchAttributes().get(SearchAttributes.STATUS))
        .isEqualTo("COMPLETED");
    assertThat(shown.getTypedSearchAttributes().get(SearchAttributes.STEP)).isEqualTo("FINISHED");
  }

  @Test
  void givenATenantThatFails_whenApplied_thenTheOthersGoOnAndItIsRetriedOnALaterPass() {
    when(ledger.apply(any(), eq("MEASURED"), any()))
        .thenReturn(new ApplyPage(true, 3, 1, 1, 0, 1, 40, "c", null, null));
    when(ledger.apply(any(), eq("FAILED"), any()))
        .thenReturn(new ApplyPage(true, 1, 1, 0, 0, 0, 7, "b", null, null));
    var workflow = start();

    ReconciliationResult result = workflow.reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    verify(ledger, times(1)).apply(REQUEST, "FAILED", null);
    assertThat(workflow.progress().tenantsFailed()).isZero();
    assertThat(workflow.progress().tenantsChanged()).isEqualTo(2);
  }

  @Test
  void givenAKillSwitch_whenAPageIsBlocked_thenTheRunWaitsAndResumesAtTheSameCursor() {
    GuardDecision blocked = GuardDecision.blocked("k1", "action:reconcile", "incident");
    when(usage.measure(any(), eq("c0"))).thenReturn(page("c1", false, blocked));
    when(usage.measure(any(), eq("c1"))).thenReturn(page("c2", true, null));
    when(ledger.check(any(), isNull())).thenReturn(blocked, blocked, GuardDecision.ALLOWED);

    ReconciliationResult result = start().reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    verify(ledger, times(3)).check(REQUEST, null);
    verify(usage).measure(REQUEST, "c1");
  }

  @Test
  void givenABlockedTenant_whenApplied_thenTheRunWaitsForItInsteadOfSkippingIt() {
    GuardDecision blocked = GuardDecision.blocked("k2", "tenant:acme", "legal review");
    when(ledger.apply(any(), eq("MEASURED"), isNull()))
        .thenReturn(new ApplyPage(false, 1, 1, 0, 0, 0, 3, "a", "acme", blocked));
    when(ledger.apply(any(), eq("MEASURED"), eq("a"))).thenReturn(LAST_PAGE);
    when(ledger.check(any(), eq("acme"))).thenReturn(blocked, GuardDecision.ALLOWED);

    ReconciliationResult result = start().reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    verify(ledger, times(2)).check(REQUEST, "acme");
    verify(ledger).apply(REQUEST, "MEASURED", "a");
  }

  @Test
  void givenAnotherRunningReconciliation_whenTheScheduleStartsOne_thenItIsSkipped() {
    when(ledger.begin(any())).thenReturn(ReconcileStart.skipped("reconciliation r-0 is running"));

    ReconciliationResult result = start().reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.SKIPPED);
    verify(usage, never()).measure(any(), any());
    verify(ledger, never()).finish(any(), any(), any(), anyInt(), anyLong());
  }

  @Test
  void givenAStoreThatStaysDown_whenMeasured_thenTheRunFailsAsAWholeBeforeAnyCorrection() {
    when(usage.measure(any(), anyString())).thenThrow(new IllegalStateException("S3 down"));

    ReconciliationResult result = start().reconcile(REQUEST);

    assertThat(result.status()).isEqualTo(ReconciliationStatus.FAILED);
    assertThat(result.detail()).contains("S3 down");
    verify(ledger, never()).apply(any(), any(), any());
  }

  @Test
  void givenTheSchedulesRequest_whenStarted_thenTheWorkflowGivesTheRunAnId() {
    ArgumentCaptor<ReconciliationRequest> begun =
        ArgumentCaptor.forClass(ReconciliationRequest.class);

    start().reconcile(ReconciliationRequest.nightly("prod"));

    verify(ledger).begin(begun.capture());
    assertThat(begun.getValue().reconciliationId()).isNotBlank();
    assertThat(begun.getValue().requestedBy()).isEqualTo("system:schedule");
  }
}
