package dev.warden.activities.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.SweepCursor;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.MeasurePage;
import dev.warden.workflows.contract.ReconciliationRequest;
import dev.warden.workflows.contract.UsageActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists object storage for a reconciliation run: one sweep of {@code tenants/}, or tenant by
 * tenant. Every page's finished tenants are written before the cursor that passes them is
 * heartbeated, so a retry resumes from the heartbeat and writes nothing twice.
 */
public final class UsageActivitiesImpl implements UsageActivities {

  private static final Logger log = LoggerFactory.getLogger(UsageActivitiesImpl.class);

  private final UsageSweep sweep;
  private final ReconciliationRuns runs;
  private final ReconciliationTenants tenants;
  private final LedgerCorrections corrections;
  private final ReconcileGuard guard;
  private final ReconcileSettings settings;
  private final ObjectMapper json;
  private final Clock clock;

  UsageActivitiesImpl(
      UsageSweep sweep,
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      LedgerCorrections corrections,
      ReconcileGuard guard,
      ReconcileSettings settings,
      ObjectMapper json,
      Clock clock) {
    this.sweep = sweep;
    this.runs = runs;
    this.tenants = tenants;
    this.corrections = corrections;
    this.guard = guard;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public MeasurePage measure(ReconciliationRequest request, String cursor) {
    Env env = settings.check(request);
    String id = request.reconciliationId();
    ActivityExecutionContext context = Activity.getExecutionContext();
    String from = context.getHeartbeatDetails(String.class).orElse(cursor);
    if (!from.equals(cursor)) {
      log.info("reconciliation {} resumes its listing from {}", id, from);
    }
    MeasureCursor c = MeasureCursor.decode(json, from);
    Instant cutoff = runs.find(id).orElseThrow().cutoffAt();
    Set<String> open = corrections.openKeys(id);
    boolean versioned = sweep.versioned();
    Instant deadline = clock.instant().plus(settings.measureBudget());
    AtomicLong measured = new AtomicLong();
    while (true) {
      if (c.listing() == null) {
        List<String> next = tenants.page(id, "PENDING", null, 1);
        if (next.isEmpty()) {
          return new MeasurePage(c.encode(json), true, c.listed(), measured.get(), null, null);
        }
        String tenant = TenantId.of(next.get(0)).value();
        c =
            new MeasureCursor(
                c.mode(),
                tenant,
                SweepCursor.start(new TenantPrefix(TenantId.of(tenant)).value()),
                c.listedBefore());
      }
      GuardDecision g = guard.check(env, c.tenant(), ReconcileGuard.S3);
      if (!g.allowed()) {
        return new MeasurePage(c.encode(json), false, c.listed(), measured.get(), c.tenant(), g);
      }
      AtomicReference<MeasureCursor> last = new AtomicReference<>(c);
      AtomicReference<GuardDecision> blocked = new AtomicReference<>();
      MeasureCursor at = c;
      SweepCursor end =
          sweep.sweep(
              c.listing(),
              cutoff,
              open,
              settings.pageSize(),
              versioned,
              (completed, listing) -> {
                tenants.measured(id, env.value(), completed);
                measured.addAndGet(completed.size());
                MeasureCursor now =
                    new MeasureCursor(at.mode(), at.tenant(), listing, at.listedBefore());
                last.set(now);
                context.heartbeat(now.encode(json));
                if (listing.done()) {
                  return false;
                }
                GuardDecision again = guard.check(env, at.tenant(), ReconcileGuard.S3);
                if (!again.allowed()) {
                  blocked.set(again);
                  return false;
                }
                return clock.instant().isBefore(deadline);
              });
      c = last.get();
      if (blocked.get() != null) {
        return new MeasurePage(
            c.encode(json), false, c.listed(), measured.get(), c.tenant(), blocked.get());
      }
      if (!end.done()) {
        return new MeasurePage(c.encode(json), false, c.listed(), measured.get(), c.tenant(), null);
      }
      if (MeasureCursor.SWEEP.equals(c.mode())) {
        // Ledger tenants the listing never reached hold nothing (any more).
        measured.addAndGet(tenants.nothingFoundForPending(id));
        return new MeasurePage(c.encode(json), true, c.listed(), measured.get(), null, null);
      }
      // Per tenant: an empty folder completed no tenant, but it was measured all the same.
      measured.addAndGet(tenants.nothingFoundIfPending(id, c.tenant()));
      c = new MeasureCursor(c.mode(), null, null, c.listed());
      if (!clock.instant().isBefore(deadline)) {
        return new MeasurePage(c.encode(json), false, c.listed(), measured.get(), null, null);
      }
    }
  }

  /** Where a run's listing starts. */
  static String start(ObjectMapper json, String mode) {
    MeasureCursor c =
        MeasureCursor.SWEEP.equals(mode)
            ? new MeasureCursor(mode, null, SweepCursor.start(TenantPrefix.ROOT), 0)
            : new MeasureCursor(mode, null, null, 0);
    return c.encode(json);
  }
}
