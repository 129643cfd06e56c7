package dev.warden.worker;

import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.logarchive.ArchiveIndexRuns;
import dev.warden.engines.tenant.Env;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Keeps the log-archive index current on the worker: the scan (new and changed archives) every
 * {@code WARDEN_ARCHIVE_INDEX_INTERVAL}, the full audit every {@code
 * WARDEN_ARCHIVE_AUDIT_INTERVAL}; 0 turns either off. {@link ArchiveIndexRuns} lets one worker at a
 * time run them. A purge never depends on these runs being current: what the index does not know,
 * the purge reads.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveIndexSchedule {

  private static final Logger log = LoggerFactory.getLogger(ArchiveIndexSchedule.class);

  /** A fresh worker indexes soon, not a whole interval after it started. */
  private static final Duration FIRST_SCAN = Duration.ofSeconds(10);

  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskScheduler archiveIndexScheduler(
      ArchiveIndexRuns runs,
      WardenProperties properties,
      @Value("${WARDEN_ARCHIVE_INDEX_INTERVAL:1m}") Duration scanEvery,
      @Value("${WARDEN_ARCHIVE_AUDIT_INTERVAL:24h}") Duration auditEvery) {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("archive-index-");
    scheduler.setPoolSize(1); // scan and audit never overlap on one worker
    scheduler.initialize();
    Env env = Env.of(properties.env());
    every(scheduler, scanEvery, FIRST_SCAN, "scan", e -> runs.scan(e), env);
    every(scheduler, auditEvery, auditEvery, "audit", e -> runs.audit(e), env);
    return scheduler;
  }

  private static void every(
      ThreadPoolTaskScheduler scheduler,
      Duration every,
      Duration first,
      String what,
      Consumer<Env> run,
      Env env) {
    if (every.isZero() || every.isNegative()) {
      log.info("archive index {} is off", what);
      return;
    }
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            run.accept(env);
          } catch (RuntimeException e) { // the next run tries again; a purge reads what is unknown
            log.warn("archive index {} of {} failed: {}", what, env, e.toString());
          }
        },
        Instant.now().plus(first.compareTo(every) < 0 ? first : every),
        every);
  }
}
