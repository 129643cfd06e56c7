package dev.warden.api.reconcile;

import dev.warden.engines.reconcile.ReconcileConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The reconciliation's stores for the API, which reports runs and starts them on demand. */
@Configuration(proxyBeanMethods = false)
@Import(ReconcileConfiguration.class)
class ReconciliationApiConfiguration {}
