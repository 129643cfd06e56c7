package dev.warden.workflows.contract;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Removes every byte of one tenant's data in one environment. Id: {@link WorkflowIds}. */
@WorkflowInterface
public interface TenantPurgeWorkflow {

  @WorkflowMethod
  PurgeOutcome purge(PurgeRequest request);

  /** Per-step state and counts, for the API and Temporal UI. */
  @QueryMethod
  PurgeProgress progress();
}
