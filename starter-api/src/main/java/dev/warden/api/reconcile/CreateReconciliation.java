package dev.warden.api.reconcile;

import java.util.List;

/**
 * Body of {@code POST /v1/reconciliations}; both fields optional.
 *
 * @param tenantIds only these tenants (at most {@link ReconciliationService#MAX_TENANTS}); absent
 *     or empty: every tenant
 * @param dryRun measure and report, change nothing
 */
record CreateReconciliation(List<String> tenantIds, Boolean dryRun) {}
