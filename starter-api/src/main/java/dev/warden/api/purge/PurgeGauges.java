package dev.warden.api.purge;

import dev.warden.engines.metrics.CachedReading;
import dev.warden.engines.purge.PurgeDeadlines;
import dev.warden.engines.purge.PurgeDeadlines.StatusCount;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The API's purge metrics: gauges read from PostgreSQL (the system of record; Temporal's visibility
 * is eventually consistent) by one grouped query, cached for {@link #MAX_AGE} ({@link
 * CachedReading}: a failed read keeps the last values) so a scrape every few seconds costs one
 * query per 15 s; and the purges this API ended FAILED (stranded). One series per active status of
 * the deployment's env: bounded, never per tenant.
 */
@Component
class PurgeGauges {

  static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final Counter failed;
  private final CachedReading<Map<PurgeState, StatusCount>> snapshot;

  PurgeGauges(PurgeDeadlines purges, Env env, Clock clock, MeterRegistry registry) {
    this.snapshot =
        new CachedReading<>("purge gauges", () -> activeByStatus(purges, env), MAX_AGE, clock);
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

  private Map<PurgeState, StatusCount> read() {
    Map<PurgeState, StatusCount> read = snapshot.get();
    return read == null ? Map.of() : read;
  }

  private static Map<PurgeState, StatusCount> activeByStatus(PurgeDeadlines purges, Env env) {
    Map<PurgeState, StatusCount> fresh = new EnumMap<>(PurgeState.class);
    for (StatusCount row : purges.activeByStatus(env.value())) {
      fresh.put(row.status(), row);
    }
    return fresh;
  }
}
