package dev.warden.workflows.contract;

import java.util.List;
import java.util.Objects;

/**
 * What to reconcile. The Schedule leaves {@code reconciliationId} null: the workflow then makes
 * one.
 *
 * @param tenantIds null or empty: every tenant (ledger rows and tenants found in the stores);
 *     otherwise only these (validated by the API)
 * @param dryRun measure and report, change nothing
 * @param eventsBeforeContinueAsNew history length that triggers continue-as-new (0: the default)
 * @param resume the state carried over continue-as-new; null on a fresh start
 */
public record ReconciliationRequest(
    String reconciliationId,
    String env,
    List<String> tenantIds,
    boolean dryRun,
    String requestedBy,
    String traceId,
    int eventsBeforeContinueAsNew,
    ReconciliationState resume) {

  public ReconciliationRequest {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(requestedBy, "requestedBy");
    tenantIds = tenantIds == null ? List.of() : List.copyOf(tenantIds);
  }

  /** The nightly run of {@code env}, as the Schedule starts it. */
  public static ReconciliationRequest nightly(String env) {
    return new ReconciliationRequest(null, env, List.of(), false, "system:schedule", null, 0, null);
  }

  public boolean allTenants() {
    return tenantIds.isEmpty();
  }

  public ReconciliationRequest withId(String id) {
    return new ReconciliationRequest(
        id, env, tenantIds, dryRun, requestedBy, traceId, eventsBeforeContinueAsNew, resume);
  }

  public ReconciliationRequest resumingAt(ReconciliationState state) {
    return new ReconciliationRequest(
        reconciliationId,
        env,
        tenantIds,
        dryRun,
        requestedBy,
        traceId,
        eventsBeforeContinueAsNew,
        state);
  }
}
