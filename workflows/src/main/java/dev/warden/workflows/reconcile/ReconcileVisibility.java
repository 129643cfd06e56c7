package dev.warden.workflows.reconcile;

import dev.warden.workflows.contract.ReconciliationProgress;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.versions.WorkflowVersions.Reconcile;
import io.temporal.workflow.Workflow;

/**
 * What Temporal UI shows of a running reconciliation: search attributes and current details. The
 * details (not a command) are set on every page; the search attributes (one history event each
 * time) only when status or phase changed, so a 10,000-tenant run does not spend an event per page
 * on values that stay the same.
 */
final class ReconcileVisibility {

  private String shownStatus;
  private String shownStep;

  void show(String env, ReconciliationProgress p) {
    String status = p.status().name();
    String step = p.phase() == null ? "-" : p.phase().name();
    boolean everyPage =
        Workflow.getVersion(Reconcile.UPSERT_ON_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION;
    if (everyPage || !status.equals(shownStatus) || !step.equals(shownStep)) {
      Workflow.upsertTypedSearchAttributes(
          SearchAttributes.STATUS.valueSet(status), SearchAttributes.STEP.valueSet(step));
      shownStatus = status;
      shownStep = step;
    }
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
