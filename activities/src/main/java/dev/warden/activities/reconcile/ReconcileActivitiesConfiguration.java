package dev.warden.activities.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.reconcile.LedgerCorrections;
import dev.warden.engines.reconcile.ReconcileConfiguration;
import dev.warden.engines.reconcile.ReconcileProperties;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.reconcile.ReconciliationTenants;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reconciliation activities, wired once by {@link ReconcileActivities} from the engines' beans
 * and {@code warden.reconcile.*}, and each as a bean of its own for the worker's application.yml
 * ({@code activity-beans}); the API's in-process test worker uses {@link
 * ReconcileActivities#registerOn} (why: {@link dev.warden.activities.ActivitySet}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ReconcileConfiguration.class)
public class ReconcileActivitiesConfiguration {

  // One listing call hands its cursor back to the workflow after this long (heartbeats go on
  // meanwhile), so a retry after a lost worker repeats at most this much listing.
  static final Duration MEASURE_BUDGET = Duration.ofMinutes(2);

  @Bean
  ReconcileActivities reconcileActivities(
      UsageSweep storage,
      TenantIndexStore index,
      QuotaReservations reservations,
      LedgerCorrections corrections,
      ReconciliationRuns runs,
      ReconciliationTenants tenants,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      WardenProperties warden,
      ReconcileProperties properties,
      MeterRegistry registry,
      ObjectMapper json,
      Clock clock) {
    return ReconcileActivities.wire(
        new ReconcileActivities.Stores(
            storage, index, reservations, corrections, runs, tenants, events, killSwitches),
        new ReconcileSettings(
            Env.of(warden.env()),
            properties.mode(),
            properties.pageSize(),
            properties.tenantsPerPage(),
            MEASURE_BUDGET),
        new ReconcileMetrics(registry),
        json,
        clock);
  }

  @Bean
  UsageActivitiesImpl usageActivities(ReconcileActivities activities) {
    return activities.usage();
  }

  @Bean
  LedgerActivitiesImpl ledgerActivities(ReconcileActivities activities) {
    return activities.ledger();
  }
}
