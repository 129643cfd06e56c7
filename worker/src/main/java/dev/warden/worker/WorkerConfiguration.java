package dev.warden.worker;

import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeActivitiesConfiguration;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.trace.TraceContextPropagator;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.spring.boot.autoconfigure.template.WorkersTemplate;
import io.temporal.worker.Worker;
import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * application.yml creates the purge worker with its workflow class; the purge activities join it
 * here, listed once in {@link PurgeActivities}.
 */
@Configuration(proxyBeanMethods = false)
@Import({EnginesConfiguration.class, PurgeActivitiesConfiguration.class})
class WorkerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Workflows and activities get the trace context of whoever started them (the API request). */
  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> traceContextPropagator() {
    return TraceContextPropagator::addTo;
  }

  @Bean
  WorkerOptionsCustomizer purgeWorkerOptions(
      @Value("${WARDEN_TEMPORAL_STICKY:true}") boolean sticky) {
    return (builder, workerName, taskQueue) -> PurgeWorkerOptions.apply(builder, sticky);
  }

  /**
   * Runs while the context starts (the template creates the configured workers on first ask); the
   * starter starts them later, when the app is ready.
   */
  @Bean
  InitializingBean purgeActivitiesOnWorker(WorkersTemplate workers, PurgeActivities activities) {
    return () -> activities.registerOn(worker(workers, TaskQueues.PURGE));
  }

  /** The worker application.yml declares for {@code taskQueue}. */
  static Worker worker(WorkersTemplate workers, String taskQueue) {
    return workers.getWorkers().stream()
        .filter(worker -> taskQueue.equals(worker.getTaskQueue()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("application.yml has no " + taskQueue));
  }
}
