package dev.warden.api.web;

import dev.warden.workflows.trace.TraceContextPropagator;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter's WorkflowClient sends the request's trace context with every workflow it starts. */
@Configuration(proxyBeanMethods = false)
class TracePropagation {

  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> traceContextPropagator() {
    return TraceContextPropagator::addTo;
  }
}
