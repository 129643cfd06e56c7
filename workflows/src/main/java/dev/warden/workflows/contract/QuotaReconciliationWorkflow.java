package dev.warden.workflows.contract;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Measures every tenant's real usage and corrects the quota ledger. Started nightly by the Schedule
 * {@code quota-reconciliation/{env}} or on demand by the API; see {@link WorkflowIds}.
 */
@WorkflowInterface
public interface QuotaReconciliationWorkflow {

  @WorkflowMethod
  ReconciliationResult reconcile(ReconciliationRequest request);

  /** Tenants done / total, drift found, the current tenant, what blocks the run. */
  @QueryMethod
  ReconciliationProgress progress();

  /** A kill switch was released: re-check now instead of at the next back-off. */
  @SignalMethod
  void killSwitchReleased();
}
