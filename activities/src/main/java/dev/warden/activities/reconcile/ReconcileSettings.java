package dev.warden.activities.reconcile;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.InvalidIdentifierException;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.ReconciliationRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * How this worker reconciles: its environment, the default mode, page sizes, and how long one
 * listing call may run before it hands its cursor back to the workflow.
 */
public record ReconcileSettings(
    Env env, String mode, int pageSize, int tenantsPerPage, Duration measureBudget) {

  /**
   * The request's environment and tenant ids, checked again here: a hand-started workflow with a
   * bad id or another environment's run fails at once instead of touching a store.
   */
  Env check(ReconciliationRequest request) {
    if (!env.value().equals(request.env())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "reconciliation for env " + request.env() + " reached a worker of env " + env,
          Failures.INVALID_REQUEST.type());
    }
    try {
      request.tenantIds().forEach(TenantId::of);
    } catch (InvalidIdentifierException invalid) {
      throw ApplicationFailure.newNonRetryableFailure(
          invalid.getMessage(), Failures.INVALID_REQUEST.type());
    }
    return env;
  }
}
