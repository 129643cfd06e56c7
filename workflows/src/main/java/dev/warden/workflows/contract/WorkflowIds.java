package dev.warden.workflows.contract;

/**
 * Business keys as workflow ids. One live purge per tenant and environment: a second start with the
 * same id finds the running one instead of starting another.
 */
public final class WorkflowIds {
  private static final String TENANT_PURGE = "tenant-purge/";

  private WorkflowIds() {}

  public static String tenantPurge(String env, String tenantId) {
    return TENANT_PURGE + env + "/" + tenantId;
  }
}
