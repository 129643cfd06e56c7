package dev.warden.api.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Looks for a stale RUNNING reconciliation on a timer, so the nightly Schedule is not skipped night
 * after night behind a run nobody asks about. Every replica may run it: ending a run is conditional
 * on it still being RUNNING.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StaleReconciliationSweeper {

  private static final Logger log = LoggerFactory.getLogger(StaleReconciliationSweeper.class);
  private final StaleReconciliations stale;

  StaleReconciliationSweeper(StaleReconciliations stale) {
    this.stale = stale;
  }

  @Scheduled(
      initialDelayString = "${WARDEN_RECONCILE_SWEEP_INTERVAL:PT1M}",
      fixedDelayString = "${WARDEN_RECONCILE_SWEEP_INTERVAL:PT1M}")
  void sweep() {
    try {
      stale.sweep();
    } catch (RuntimeException failed) {
      log.warn("stale-reconciliation sweep failed, next run retries: {}", failed.toString());
    }
  }
}
