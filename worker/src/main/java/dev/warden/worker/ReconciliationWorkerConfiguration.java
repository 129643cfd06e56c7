package dev.warden.worker;

import dev.warden.activities.reconcile.ReconcileActivities;
import dev.warden.activities.reconcile.ReconcileActivitiesConfiguration;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.quota.ReconcileProperties;
import dev.warden.workflows.contract.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reconciliation's activities on the worker application.yml declares for its workflow, and its
 * nightly Schedule. A cron that does not parse fails this configuration, so the worker does not
 * start.
 */
@Configuration(proxyBeanMethods = false)
@Import(ReconcileActivitiesConfiguration.class)
class ReconciliationWorkerConfiguration {

  /** Like the purge's: the workflow class comes from application.yml, the activities from here. */
  @Bean
  InitializingBean reconcileActivitiesOnWorker(
      WorkersTemplate workers, ReconcileActivities activities) {
    return () -> activities.registerOn(WorkerConfiguration.worker(workers, TaskQueues.RECONCILE));
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
    ReconciliationSchedule schedule = new ReconciliationSchedule(schedules, spec);
    return ready -> schedule.ensure();
  }
}
