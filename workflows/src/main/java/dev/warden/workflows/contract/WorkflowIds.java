package dev.warden.workflows.contract;

/**
 * Business keys as workflow ids. One live purge per tenant and environment: a second start with the
 * same id finds the running one instead of starting another.
 */
public final class WorkflowIds {
  private static final String TENANT_PURGE = "tenant-purge/";
  private static final String QUOTA_RECONCILIATION = "quota-reconciliation/";

  private WorkflowIds() {}

  public static String tenantPurge(String env, String tenantId) {
    return TENANT_PURGE + env + "/" + tenantId;
  }

  /** The Schedule of an environment (its runs: this id plus the scheduled time). */
  public static String quotaReconciliation(String env) {
    return QUOTA_RECONCILIATION + env;
  }

  /** A reconciliation started on demand through the API. */
  public static String quotaReconciliationRun(String env, String reconciliationId) {
    return QUOTA_RECONCILIATION + env + "/" + reconciliationId;
  }
}
