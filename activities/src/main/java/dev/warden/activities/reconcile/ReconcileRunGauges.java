package dev.warden.activities.reconcile;

import dev.warden.engines.metrics.CachedReading;
import dev.warden.engines.reconcile.ReconciliationRuns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code warden.reconcile.last.success.seconds} and {@code warden.reconcile.last.failure.seconds}
 * (tag {@code env}): epoch seconds of the last full COMPLETED run and the last FAILED run of this
 * deployment's env, read from the runs table, so a restarted worker or one that did not run the
 * reconciliation reports the same as the one that did. 0 means never. Each value is read at most
 * once per {@link #MAX_AGE} ({@link CachedReading}); NaN until the table could be read once, then
 * the last value read while it cannot.
 */
public final class ReconcileRunGauges implements MeterBinder {

  static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final ReconciliationRuns runs;
  private final String env;

  public ReconcileRunGauges(ReconciliationRuns runs, String env) {
    this.runs = runs;
    this.env = env;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(
        registry,
        env,
        "warden.reconcile.last.success.seconds",
        runs::lastFullSuccess,
        "Epoch seconds of the last full, non-dry reconciliation run that COMPLETED (0: never)");
    gauge(
        registry,
        env,
        "warden.reconcile.last.failure.seconds",
        runs::lastFailure,
        "Epoch seconds of the last reconciliation run that FAILED (0: never)");
  }

  private static void gauge(
      MeterRegistry registry,
      String env,
      String name,
      Function<String, Optional<Instant>> query,
      String description) {
    CachedReading<Long> cached =
        new CachedReading<>(
            name + " of env " + env,
            () -> query.apply(env).map(Instant::getEpochSecond).orElse(0L),
            MAX_AGE,
            Clock.systemUTC());
    Gauge.builder(name, cached, ReconcileRunGauges::seconds)
        .strongReference(true) // nothing else holds the cache
        .description(description)
        .baseUnit("seconds")
        .tag("env", env)
        .register(registry);
  }

  private static double seconds(CachedReading<Long> cached) {
    Long seconds = cached.get();
    return seconds == null ? Double.NaN : seconds;
  }
}
