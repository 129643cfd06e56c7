package dev.warden.api.purge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Looks for stranded purges on a timer, so a tenant nobody reads is unlocked too. Bounded: a batch
 * per run, least recently updated first; every replica may run it (ending a purge is conditional).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StrandedPurgeSweeper {

  private static final Logger log = LoggerFactory.getLogger(StrandedPurgeSweeper.class);
  private final StrandedPurges stranded;
  private final int batch;

  StrandedPurgeSweeper(
      StrandedPurges stranded, @Value("${WARDEN_PURGE_SWEEP_BATCH:100}") int batch) {
    this.stranded = stranded;
    this.batch = batch;
  }

  @Scheduled(
      initialDelayString = "${WARDEN_PURGE_SWEEP_INTERVAL:PT1M}",
      fixedDelayString = "${WARDEN_PURGE_SWEEP_INTERVAL:PT1M}")
  void sweep() {
    try {
      int ended = stranded.sweep(batch);
      if (ended > 0) {
        log.warn("ended {} stranded purge(s) as FAILED", ended);
      }
    } catch (RuntimeException failed) {
      log.warn("stranded-purge sweep failed, next run retries: {}", failed.toString());
    }
  }
}
