package dev.warden.api.web;

import dev.warden.workflows.trace.TraceContextPropagator;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's WorkflowClient sends the request's trace context with every workflow it starts; its
 * service stubs trust the deployment's Temporal CA when one is set.
 */
@Configuration(proxyBeanMethods = false)
class TracePropagation {

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
}
