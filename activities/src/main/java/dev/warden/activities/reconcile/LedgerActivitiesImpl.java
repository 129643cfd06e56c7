package dev.warden.activities.reconcile;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.reconcile.Correction;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.ApplyPage;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.LedgerActivities;
import dev.warden.workflows.contract.ReconcileStart;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.ReconciliationResult;
import dev.warden.workflows.contract.ReconciliationStatus;
import io.temporal.activity.Activity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ledger side of a run: claim and snapshot, per-tenant corrections, the run's end. */
public final class LedgerActivitiesImpl implements LedgerActivities {

  private static final Logger log = LoggerFactory.getLogger(LedgerActivitiesImpl.class);

  private final RunStart start;
  private final ReconciliationRuns runs;
  private final ReconciliationTenants tenants;
  private final LedgerCorrections corrections;
  private final TenantIndexStore index;
  private final DatasetEventStore events;
  private final ReconcileGuard guard;
  private final ReconcileMetrics metrics;
  private final ReconcileSettings settings;
  private final Clock clock;

  LedgerActivitiesImpl(
      RunStart start,
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      LedgerCorrections corrections,
      TenantIndexStore index,
      DatasetEventStore events,
      ReconcileGuard guard,
      ReconcileMetrics metrics,
      ReconcileSettings settings,
      Clock clock) {
    this.start = start;
    this.runs = runs;
    this.tenants = tenants;
    this.corrections = corrections;
    this.index = index;
    this.events = events;
    this.guard = guard;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public ReconcileStart begin(ReconciliationRequest request) {
    settings.check(request);
    return start.begin(request, Activity.getExecutionContext().getInfo().getWorkflowId());
  }

  @Override
  public ApplyPage apply(ReconciliationRequest request, String state, String afterTenant) {
    Env env = settings.check(request);
    String id = request.reconciliationId();
    int limit = settings.tenantsPerPage();
    List<String> page = tenants.page(id, state, afterTenant, limit);
    int changed = 0;
    int unchanged = 0;
    int deferred = 0;
    int failed = 0;
    long drift = 0;
    String last = null;
    for (String tenant : page) {
      GuardDecision g = guard.check(env, tenant, ReconcileGuard.S3, ReconcileGuard.OPENSEARCH);
      if (!g.allowed()) {
        blockedEvent(request, tenant, g);
        return new ApplyPage(
            false,
            changed + unchanged + deferred + failed,
            changed,
            unchanged,
            deferred,
            failed,
            drift,
            last,
            tenant,
            g);
      }
      try {
        long documents =
            index.usage(TenantId.of(tenant), TenantIndexStore.docsIndex(env)).documents();
        Correction c = corrections.correct(id, env.value(), tenant, documents);
        switch (c.state()) {
          case "APPLIED" -> {
            changed++;
            drift += c.driftBytes();
            reconciledEvent(request, c);
            metrics.tenant("changed", c.driftBytes());
          }
          case "DEFERRED" -> {
            deferred++;
            metrics.tenant("deferred", 0);
          }
          case "DRY_RUN" -> {
            unchanged++;
            drift += c.driftBytes();
            metrics.tenant("dry_run", 0);
          }
          default -> {
            unchanged++;
            metrics.tenant("unchanged", 0);
          }
        }
      } catch (RuntimeException e) {
        // One tenant's trouble is recorded and retried later; it never stops the others.
        failed++;
        log.warn("reconciliation {}: tenant {} failed: {}", id, tenant, e.toString());
        tenants.failed(id, tenant, e.toString());
        metrics.failure("tenant");
      }
      last = tenant;
      Activity.getExecutionContext().heartbeat(tenant);
    }
    return new ApplyPage(
        page.size() < limit,
        page.size(),
        changed,
        unchanged,
        deferred,
        failed,
        drift,
        last,
        null,
        null);
  }

  @Override
  public GuardDecision check(ReconciliationRequest request, String tenantId) {
    Env env = settings.check(request);
    return tenantId == null
        ? guard.check(env, null, ReconcileGuard.S3)
        : guard.check(env, tenantId, ReconcileGuard.S3, ReconcileGuard.OPENSEARCH);
  }

  @Override
  public ReconciliationResult finish(
      ReconciliationRequest request,
      ReconciliationStatus status,
      String detail,
      int continuations,
      long objectsListed) {
    String id = request.reconciliationId();
    ReconciliationTenants.Counts n = tenants.counts(id);
    ReconciliationRuns.Run run = runs.find(id).orElseThrow();
    runs.finish(id, status.name(), detail);
    Instant now = clock.instant();
    ReconciliationResult result =
        new ReconciliationResult(
            id,
            status,
            run.mode(),
            run.dryRun(),
            n.total(),
            n.done(),
            n.applied(),
            n.deferred(),
            n.failed(),
            n.driftBytes(),
            objectsListed,
            continuations,
            detail);
    events.append(
        new DatasetEvent(
            DatasetEvent.deterministicId("reconciliation", id, "completed"),
            DatasetEventType.QUOTA_RECONCILIATION_COMPLETED,
            null,
            request.env(),
            request.requestedBy(),
            request.traceId(),
            now,
            Summary.attributes(result)));
    metrics.run(status.name(), Duration.between(run.requestedAt(), now));
    if (status == ReconciliationStatus.FAILED) {
      metrics.failure("run");
    }
    log.info("reconciliation {} ended: {}", id, result);
    return result;
  }

  private void reconciledEvent(ReconciliationRequest request, Correction c) {
    events.append(
        new DatasetEvent(
            DatasetEvent.deterministicId(
                "reconciliation", request.reconciliationId(), c.tenantId()),
            DatasetEventType.QUOTA_RECONCILED,
            c.tenantId(),
            request.env(),
            request.requestedBy(),
            request.traceId(),
            clock.instant(),
            Summary.attributes(request.reconciliationId(), c)));
  }

  private void blockedEvent(ReconciliationRequest request, String tenant, GuardDecision g) {
    events.append(
        new DatasetEvent(
            DatasetEvent.deterministicId(
                "reconciliation", request.reconciliationId(), "blocked", tenant, g.scope()),
            DatasetEventType.KILL_SWITCH_BLOCKED,
            tenant,
            request.env(),
            request.requestedBy(),
            request.traceId(),
            clock.instant(),
            Map.of(
                "action", "reconcile",
                "reconciliationId", request.reconciliationId(),
                "scope", String.valueOf(g.scope()),
                "reason", String.valueOf(g.reason()))));
  }
}
