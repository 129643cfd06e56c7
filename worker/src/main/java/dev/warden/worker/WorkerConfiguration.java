package dev.warden.worker;

import dev.warden.activities.PurgeActivitiesConfiguration;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.workflows.codec.PayloadEncryption;
import dev.warden.workflows.codec.PayloadKeys;
import dev.warden.workflows.trace.TraceContextPropagator;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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

  /** TLS to Temporal on the deployment's own CA ({@code WARDEN_TEMPORAL_CA}), when it is set. */
  @Bean
  TemporalOptionsCustomizer<io.temporal.serviceclient.WorkflowServiceStubsOptions.Builder>
      temporalTrust(org.springframework.core.env.Environment e) {
    return dev.warden.workflows.admin.TemporalTrust.of(
            e.getProperty("warden.temporal.ca-file"),
            e.getProperty("spring.temporal.connection.mtls.cert-chain-file"),
            e.getProperty("spring.temporal.connection.mtls.key-file"))
        ::apply;
  }

  /**
   * Every payload the worker writes to Temporal is encrypted ({@code WARDEN_PAYLOAD_KEYS}, else the
   * key generated into {@code WARDEN_DATA_DIR}, shared with the API); Temporal's Spring starter
   * takes {@code mainDataConverter} for the client and its workers.
   */
  @Bean
  PayloadKeys payloadKeys(
      @Value("${warden.temporal.payload-keys:}") String keys,
      @Value("${warden.data-dir:.warden}") String dataDir) {
    return PayloadKeys.load(Optional.of(keys), Path.of(dataDir));
  }

  @Bean
  DataConverter mainDataConverter(PayloadKeys keys) {
    return PayloadEncryption.dataConverter(keys);
  }

  @Bean
  WorkerOptionsCustomizer purgeWorkerOptions(
      @Value("${WARDEN_TEMPORAL_STICKY:true}") boolean sticky) {
    return (builder, workerName, taskQueue) -> PurgeWorkerOptions.apply(builder, sticky);
  }
}
