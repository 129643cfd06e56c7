package dev.warden.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.reconcile.LedgerActivitiesImpl;
import dev.warden.activities.reconcile.ReconcileActivities;
import dev.warden.activities.reconcile.ReconcileMetrics;
import dev.warden.activities.reconcile.ReconcileSettings;
import dev.warden.activities.reconcile.UsageActivitiesImpl;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.quota.LedgerCorrections;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.ReconcileConfiguration;
import dev.warden.engines.quota.ReconcileProperties;
import dev.warden.engines.quota.ReconciliationRuns;
import dev.warden.engines.quota.ReconciliationTenants;
import dev.warden.engines.storage.UsageSweep;
import dev.warden.engines.tenant.Env;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reconciliation's activity beans (named in application.yml beside its workflow) and its
 * nightly Schedule. A cron that does not parse fails this configuration, so the worker does not
 * start.
 */
@Configuration(proxyBeanMethods = false)
@Import(ReconcileConfiguration.class)
class ReconciliationWorkerConfiguration {

  @Bean
  ReconcileActivities reconcileActivities(
      UsageSweep storage,
      TenantIndexStore index,
      QuotaLedger ledger,
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
            storage, index, ledger, corrections, runs, tenants, events, killSwitches),
        new ReconcileSettings(
            Env.of(warden.env()),
            properties.mode(),
            properties.pageSize(),
            properties.tenantsPerPage(),
            Duration.ofMinutes(2)),
        new ReconcileMetrics(registry),
        json,
        clock);
  }

  @Bean
  UsageActivitiesImpl usageActivities(ReconcileActivities all) {
    return all.usage();
  }

  @Bean
  LedgerActivitiesImpl ledgerActivities(ReconcileActivities all) {
    return all.ledger();
  }

  @Bean
  ReconciliationScheduleSpec reconciliationScheduleSpec(
      WardenProperties warden, ReconcileProperties properties) {
    return ReconciliationScheduleSpec.of(warden.env(), properties);
  }

  @Bean
  @ConditionalOnProperty(
      name = "warden.reconcile.schedule-enabled",
      havingValue = "true",
      matchIfMissing = true)
  ApplicationListener<ApplicationReadyEvent> reconciliationScheduleAtStart(
      WorkflowClient workflows,
      ReconciliationScheduleSpec spec,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            workflows.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
    ReconciliationSchedule schedule = new ReconciliationSchedule(schedules, workflows, spec);
    return ready -> schedule.ensure();
  }
}
