package dev.warden.worker;

import dev.warden.activities.reconcile.ReconcileRunGauges;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.reconcile.ReconciliationRuns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gauges the worker reports beside its activities' meters (docs/operations.md, "Metrics"). */
@Configuration(proxyBeanMethods = false)
class WorkerMetricsConfiguration {

  /** Bound to the registry by Spring Boot, like every {@code MeterBinder} bean. */
  @Bean
  ReconcileRunGauges reconcileRunGauges(ReconciliationRuns runs, WardenProperties warden) {
    return new ReconcileRunGauges(runs, warden.env());
  }
}
