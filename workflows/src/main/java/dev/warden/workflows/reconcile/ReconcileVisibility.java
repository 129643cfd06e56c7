package dev.warden.workflows.reconcile;

import dev.warden.workflows.contract.ReconciliationProgress;
import dev.warden.workflows.contract.SearchAttributes;
import io.temporal.workflow.Workflow;

/** What Temporal UI shows of a running reconciliation: search attributes and current details. */
final class ReconcileVisibility {

  private ReconcileVisibility() {}

  static void show(String env, ReconciliationProgress p) {
    Workflow.upsertTypedSearchAttributes(
        SearchAttributes.STATUS.valueSet(p.status().name()),
        SearchAttributes.STEP.valueSet(p.phase() == null ? "-" : p.phase().name()));
    StringBuilder md = new StringBuilder();
    md.append("**").append(p.status()).append("** — phase `").append(p.phase()).append("`\n\n");
    if (p.blockedBy() != null) {
      md.append("Blocked by kill switch ").append(p.blockedBy()).append("\n\n");
    }
    md.append("| | |\n|---|---|\n")
        .append("| tenants done / measured | ")
        .append(p.tenantsDone())
        .append(" / ")
        .append(p.tenantsMeasured())
        .append(" |\n| tenants changed | ")
        .append(p.tenantsChanged())
        .append(" |\n| tenants failed | ")
        .append(p.tenantsFailed())
        .append(" |\n| drift found (bytes) | ")
        .append(p.driftBytes())
        .append(" |\n| objects listed | ")
        .append(p.objectsListed())
        .append(" |\n| current tenant | ")
        .append(p.currentTenant() == null ? "-" : "`" + p.currentTenant() + "`")
        .append(" |\n\nReconciliation `")
        .append(p.reconciliationId())
        .append("` in `")
        .append(env)
        .append("`, continued as new ")
        .append(p.continuations())
        .append(" times");
    Workflow.setCurrentDetails(md.toString());
  }
}
