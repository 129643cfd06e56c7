package dev.warden.worker;

import dev.warden.activities.PurgeActivitiesConfiguration;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.workflows.trace.TraceContextPropagator;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The engines and the purge activities as beans; application.yml names the workers' workflow
 * classes and activity beans, and the Temporal starter registers them.
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
}
