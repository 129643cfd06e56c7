package dev.warden.worker;

import dev.warden.activities.reconcile.ReconcileActivitiesConfiguration;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.reconcile.ReconcileProperties;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reconciliation's activity beans (application.yml registers them on its worker) and its
 * nightly Schedule. A cron that does not parse fails this configuration, so the worker does not
 * start.
 */
@Configuration(proxyBeanMethods = false)
@Import(ReconcileActivitiesConfiguration.class)
class ReconciliationWorkerConfiguration {

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
            ScheduleClientOptions.newBuilder()
                .setNamespace(namespace)
                // the schedule's workflow input is encrypted like every other payload
                .setDataConverter(workflows.getOptions().getDataConverter())
                .build());
    ReconciliationSchedule schedule = new ReconciliationSchedule(schedules, spec);
    return ready -> schedule.ensure();
  }
}
