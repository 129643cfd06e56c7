package dev.warden.workflows.reconcile;

import dev.warden.workflows.contract.ApplyPage;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.MeasurePage;
import dev.warden.workflows.contract.QuotaReconciliationWorkflow;
import dev.warden.workflows.contract.ReconcilePhase;
import dev.warden.workflows.contract.ReconcileStart;
import dev.warden.workflows.contract.ReconciliationProgress;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.ReconciliationResult;
import dev.warden.workflows.contract.ReconciliationState;
import dev.warden.workflows.contract.ReconciliationStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * begin (claim, settle expired reservations, snapshot) → measure (paged listing) → apply (paged
 * corrections) → retry failed tenants → finish. Each phase works in pages whose cursor is all the
 * state there is, so the run continues as new whenever its history grows, whatever the tenant
 * count. A kill switch blocks (the run waits, visibly) and never skips a tenant.
 */
public final class QuotaReconciliationWorkflowImpl implements QuotaReconciliationWorkflow {

  private static final Logger log = Workflow.getLogger(QuotaReconciliationWorkflowImpl.class);

  static final int DEFAULT_EVENTS_BEFORE_CONTINUE_AS_NEW = 2_000;
  static final int MAX_RETRY_PASSES = 2;
  static final Duration RETRY_DELAY = Duration.ofMinutes(1);
  private static final Duration FIRST_RECHECK = Duration.ofSeconds(2);
  private static final Duration MAX_RECHECK = Duration.ofMinutes(5);

  private final ReconcileStubs stubs = new ReconcileStubs();
  private final ReconcileVisibility visibility = new ReconcileVisibility();
  private ReconciliationRequest request;
  private ReconciliationState state;
  private ReconciliationStatus status = ReconciliationStatus.RUNNING;
  private String blockedBy;
  private boolean recheckRequested;

  @Override
  public ReconciliationResult reconcile(ReconciliationRequest input) {
    request =
        input.reconciliationId() != null ? input : input.withId(Workflow.randomUUID().toString());
    try {
      state = request.resume();
      if (state == null) {
        ReconcileStart start = stubs.ledger.begin(request);
        if (start.skipped()) {
          log.info("reconciliation {} skipped: {}", request.reconciliationId(), start.detail());
          return skipped(start.detail());
        }
        state =
            new ReconciliationState(
                request.reconciliationId(),
                ReconcilePhase.MEASURE,
                start.mode(),
                start.cursor(),
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                Workflow.currentTimeMillis(),
                0);
      }
      show();
      while (state.phase() != ReconcilePhase.FINISHED) {
        step();
        if (state.phase() != ReconcilePhase.FINISHED && historyFull()) {
          Workflow.await(Workflow::isEveryHandlerFinished);
          Workflow.continueAsNew(request.resumingAt(state.continued()));
        }
      }
      return finish(ReconciliationStatus.COMPLETED, null);
    } catch (ActivityFailure failure) {
      // The run as a whole cannot go on: tenants it did not correct keep their ledger rows.
      String cause = String.valueOf(failure.getCause() == null ? failure : failure.getCause());
      log.warn("reconciliation {} failed: {}", request.reconciliationId(), cause);
      return finish(ReconciliationStatus.FAILED, cause);
    }
  }

  private void step() {
    switch (state.phase()) {
      case MEASURE -> {
        MeasurePage page = stubs.usage.measure(request, state.cursor());
        state = state.measured(page);
        if (page.blockedBy() != null) {
          awaitRelease(null, page.blockedBy());
        }
      }
      case APPLY, RETRY_FAILED -> {
        String from = state.phase() == ReconcilePhase.APPLY ? "MEASURED" : "FAILED";
        ApplyPage page = stubs.pages.apply(request, from, state.afterTenant());
        state = state.applied(page);
        if (page.blockedBy() != null) {
          awaitRelease(page.blockedTenant(), page.blockedBy());
        } else if (page.done()) {
          nextPhase();
        }
      }
      case FINISHED -> {}
    }
    show();
  }

  private void nextPhase() {
    if (state.tenantsFailed() > 0 && state.retryPass() < MAX_RETRY_PASSES) {
      Workflow.sleep(RETRY_DELAY);
      state = state.next(ReconcilePhase.RETRY_FAILED, state.retryPass() + 1);
    } else {
      state = state.next(ReconcilePhase.FINISHED, state.retryPass());
    }
  }

  /** Waits until the switch that blocked the run (or this tenant) is released; never skips. */
  private void awaitRelease(String tenant, GuardDecision first) {
    GuardDecision decision = first;
    Duration wait = FIRST_RECHECK;
    status = ReconciliationStatus.BLOCKED_BY_KILL_SWITCH;
    while (!decision.allowed()) {
      blockedBy =
          decision.scope()
              + " ("
              + decision.reason()
              + ")"
              + (tenant == null ? "" : " for tenant " + tenant);
      show();
      recheckRequested = false;
      Workflow.await(wait, () -> recheckRequested);
      wait = wait.multipliedBy(2).compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait.multipliedBy(2);
      decision = stubs.ledger.check(request, tenant);
    }
    blockedBy = null;
    status = ReconciliationStatus.RUNNING;
  }

  private boolean historyFull() {
    int limit =
        request.eventsBeforeContinueAsNew() > 0
            ? request.eventsBeforeContinueAsNew()
            : DEFAULT_EVENTS_BEFORE_CONTINUE_AS_NEW;
    return Workflow.getInfo().getHistoryLength() > limit
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private ReconciliationResult finish(ReconciliationStatus end, String detail) {
    int continuations = state == null ? 0 : state.continuations();
    long listed = state == null ? 0 : state.objectsListed();
    ReconciliationResult result = stubs.ledger.finish(request, end, detail, continuations, listed);
    status = end;
    show();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return result;
  }

  private ReconciliationResult skipped(String why) {
    status = ReconciliationStatus.SKIPPED;
    return new ReconciliationResult(
        request.reconciliationId(), status, null, request.dryRun(), 0, 0, 0, 0, 0, 0, 0, 0, why);
  }

  private void show() {
    visibility.show(request.env(), progress());
  }

  @Override
  public ReconciliationProgress progress() {
    ReconciliationState s = state;
    if (s == null) {
      return new ReconciliationProgress(
          request == null ? null : request.reconciliationId(),
          status,
          null,
          0,
          0,
          0,
          0,
          0,
          0,
          null,
          blockedBy,
          0);
    }
    return new ReconciliationProgress(
        s.reconciliationId(),
        status,
        s.phase(),
        s.objectsListed(),
        s.tenantsMeasured(),
        s.tenantsDone(),
        s.tenantsChanged(),
        s.tenantsFailed(),
        s.driftBytes(),
        s.currentTenant(),
        blockedBy,
        s.continuations());
  }

  @Override
  public void killSwitchReleased() {
    recheckRequested = true;
  }
}
