package dev.warden.api.reconcile;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.WorkflowIds;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Admits on-demand runs (one running per environment) and reports runs from PostgreSQL. */
@Service
class ReconciliationService {

  static final int MAX_TENANTS = 1000;
  private static final int DRIFT_SHOWN = 200;
  private static final int DRIFT_SHOWN_IN_LIST = 20;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final ReconciliationRuns runs;
  private final ReconciliationTenants tenants;
  private final ReconciliationWorkflows workflows;
  private final StaleReconciliations stale;
  private final QuotaLedger ledger;
  private final UsageSweep storage;
  private final Env env;

  ReconciliationService(
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      ReconciliationWorkflows workflows,
      StaleReconciliations stale,
      QuotaLedger ledger,
      UsageSweep storage,
      Env env) {
    this.runs = runs;
    this.tenants = tenants;
    this.workflows = workflows;
    this.stale = stale;
    this.ledger = ledger;
    this.storage = storage;
    this.env = env;
  }

  ReconciliationView start(CreateReconciliation body, RequestContext context) {
    List<String> only = validTenants(body.tenantIds());
    boolean dryRun = Boolean.TRUE.equals(body.dryRun());
    String id = UUID.randomUUID().toString();
    String workflowId = WorkflowIds.quotaReconciliationRun(env.value(), id);
    Optional<ReconciliationRuns.Run> running = admit(id, only, dryRun, context, workflowId);
    if (running.isPresent() && stale.endIfGone(running.get())) {
      running = admit(id, only, dryRun, context, workflowId);
    }
    if (running.isPresent()) {
      String other = running.get().reconciliationId();
      throw new WardenProblem(
          ProblemTypes.RECONCILIATION_RUNNING,
          HttpStatus.CONFLICT,
          "reconciliation " + other + " of " + env + " is running; wait for it to finish",
          Map.of("runningReconciliationId", other, "location", "/v1/reconciliations/" + other));
    }
    try {
      workflows.start(id, workflowId, only, dryRun, context);
    } catch (RuntimeException unavailable) {
      runs.finish(id, "FAILED", "could not start its workflow: " + unavailable.getMessage());
      throw new WardenProblem(
          ProblemTypes.WORKFLOW_UNAVAILABLE,
          HttpStatus.SERVICE_UNAVAILABLE,
          "Temporal did not start the reconciliation: " + unavailable.getMessage());
    }
    return get(id);
  }

  private Optional<ReconciliationRuns.Run> admit(
      String id, List<String> only, boolean dryRun, RequestContext context, String workflowId) {
    return runs.admit(
        id, env.value(), only, dryRun, context.actor(), context.traceId(), workflowId);
  }

  ReconciliationView get(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("reconciliationId must match " + ID.pattern());
    }
    ReconciliationRuns.Run run =
        runs.find(id)
            .filter(r -> r.env().equals(env.value()))
            .orElseThrow(
                () ->
                    new WardenProblem(
                        ProblemTypes.RECONCILIATION_NOT_FOUND,
                        HttpStatus.NOT_FOUND,
                        "no reconciliation " + id + " in " + env));
    return ReconciliationView.of(run, tenants.counts(id), tenants.drifted(id, DRIFT_SHOWN));
  }

  List<ReconciliationView> recent(int limit) {
    return runs.recent(env.value(), limit).stream()
        .map(
            r ->
                ReconciliationView.of(
                    r,
                    tenants.counts(r.reconciliationId()),
                    tenants.drifted(r.reconciliationId(), DRIFT_SHOWN_IN_LIST)))
        .toList();
  }

  /** Each id valid, the list bounded, and every tenant known to the ledger or the stores. */
  private List<String> validTenants(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return null;
    }
    if (ids.size() > MAX_TENANTS) {
      throw new IllegalArgumentException(
          "tenantIds may name at most " + MAX_TENANTS + " tenants, named " + ids.size());
    }
    LinkedHashSet<String> valid = new LinkedHashSet<>();
    ids.forEach(id -> valid.add(TenantId.of(id).value()));
    List<String> unknown =
        valid.stream()
            .filter(
                id -> ledger.find(id, env.value()).isEmpty() && !storage.holdsAny(TenantId.of(id)))
            .toList();
    if (!unknown.isEmpty()) {
      throw new WardenProblem(
          ProblemTypes.UNKNOWN_TENANT,
          HttpStatus.BAD_REQUEST,
          "no ledger row and no stored objects in " + env + " for " + unknown,
          Map.of("unknownTenantIds", unknown));
    }
    return List.copyOf(valid);
  }
}
