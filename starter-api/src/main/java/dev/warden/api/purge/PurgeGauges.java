package dev.warden.api.purge;

import dev.warden.engines.purge.PurgeDeadlines;
import dev.warden.engines.purge.PurgeDeadlines.StatusCount;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API's purge metrics: gauges read from PostgreSQL (the system of record; Temporal visibility
 * cannot count on the test server) by one grouped query, cached for {@link #MAX_AGE} so a scrape
 * every few seconds costs one query per 15 s; and the purges this API ended FAILED (stranded). One
 * series per active status of the deployment's env: bounded, never per tenant.
 */
@Component
class PurgeGauges {

  private static final Logger log = LoggerFactory.getLogger(PurgeGauges.class);
  static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final PurgeDeadlines purges;
  private final Env env;
  private final Clock clock;
  private final Counter failed;
  private Map<PurgeState, StatusCount> snapshot = Map.of();
  private Instant readAt = Instant.MIN;

  PurgeGauges(PurgeDeadlines purges, Env env, Clock clock, MeterRegistry registry) {
    this.purges = purges;
    this.env = env;
    this.clock = clock;
    this.failed =
        Counter.builder("warden.purges.finished")
            .description("purges that ended, by outcome")
            .tag("env", env.value())
            .tag("outcome", "failed")
            .register(registry);
    for (PurgeState status : PurgeState.values()) {
      if (!status.isActive()) {
        continue;
      }
      Gauge.builder("warden.purges.active", this, g -> g.of(status).count())
          .description("active purges by status (PostgreSQL, cached up to 15 s)")
          .tags("env", env.value(), "status", status.name())
          .register(registry);
      Gauge.builder("warden.purges.oldest.seconds", this, g -> g.of(status).oldestSeconds())
          .description("how long the oldest purge in this status has held it, 0 when none")
          .baseUnit("seconds")
          .tags("env", env.value(), "status", status.name())
          .register(registry);
    }
    Gauge.builder(
            "warden.purges.overdue",
            this,
            g -> g.all().stream().mapToLong(StatusCount::overdue).sum())
        .description("active purges past their due date")
        .tag("env", env.value())
        .register(registry);
  }

  /** A purge whose workflow was gone was ended FAILED by this API. */
  void failed() {
    failed.increment();
  }

  private StatusCount of(PurgeState status) {
    return read().getOrDefault(status, new StatusCount(status, 0, 0, 0));
  }

  private java.util.Collection<StatusCount> all() {
    return read().values();
  }

  private synchronized Map<PurgeState, StatusCount> read() {
    Instant now = clock.instant();
    if (readAt.plus(MAX_AGE).isAfter(now)) {
      return snapshot;
    }
    try {
      Map<PurgeState, StatusCount> fresh = new EnumMap<>(PurgeState.class);
      for (StatusCount row : purges.activeByStatus(env.value())) {
        fresh.put(row.status(), row);
      }
      snapshot = fresh;
    } catch (RuntimeException unavailable) {
      // The last known values stay; the next scrape after MAX_AGE tries again.
      log.warn("purge gauges not refreshed: {}", unavailable.toString());
    }
    readAt = now;
    return snapshot;
  }
}
