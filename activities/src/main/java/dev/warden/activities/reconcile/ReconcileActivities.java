package dev.warden.activities.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.ActivitySet;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.UsageSweep;
import java.time.Clock;

/** Every activity a reconciliation needs, wired from the engines' adapters in one place. */
public record ReconcileActivities(UsageActivitiesImpl usage, LedgerActivitiesImpl ledger)
    implements ActivitySet {

  /** What the activities are built from. */
  public record Stores(
      UsageSweep storage,
      TenantIndexStore index,
      QuotaReservations reservations,
      LedgerCorrections corrections,
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches) {}

  public static ReconcileActivities wire(
      Stores s,
      ReconcileSettings settings,
      ReconcileMetrics metrics,
      ObjectMapper json,
      Clock clock) {
    ReconcileGuard guard = new ReconcileGuard(s.killSwitches());
    RunStart start =
        new RunStart(
            s.runs(),
            s.tenants(),
            s.corrections(),
            s.reservations(),
            s.storage(),
            settings,
            json,
            clock);
    return new ReconcileActivities(
        new UsageActivitiesImpl(
            s.storage(), s.runs(), s.tenants(), s.corrections(), guard, settings, json, clock),
        new LedgerActivitiesImpl(
            start,
            s.runs(),
            s.tenants(),
            s.corrections(),
            s.index(),
            s.events(),
            guard,
            metrics,
            settings,
            clock));
  }

  @Override
  public Object[] all() {
    return new Object[] {usage, ledger};
  }
}
