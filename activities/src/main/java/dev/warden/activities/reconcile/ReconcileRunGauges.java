package dev.warden.activities.reconcile;

import dev.warden.engines.quota.ReconciliationRuns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code warden.reconcile.last.success.seconds} and {@code warden.reconcile.last.failure.seconds}
 * (tag {@code env}): epoch seconds of the last full COMPLETED run and the last FAILED run of this
 * deployment's env, read from the runs table, so a restarted worker or one that did not run the
 * reconciliation reports the same as the one that did. 0 means never. Each value is read at most
 * once per {@link #MAX_AGE} (Micrometer has no cached gauge; a scrape must not be a query each).
 */
public final class ReconcileRunGauges implements MeterBinder {

  static final Duration MAX_AGE = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(ReconcileRunGauges.class);

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
    Cached cached = new Cached(() -> query.apply(env).map(Instant::getEpochSecond).orElse(0L));
    Gauge.builder(name, cached, Cached::value)
        .strongReference(true) // nothing else holds the cache
        .description(description)
        .baseUnit("seconds")
        .tag("env", env)
        .register(registry);
  }

  /** The last value read, refreshed when older than {@link #MAX_AGE}; NaN while unreadable. */
  private static final class Cached {
    private final LongSupplier read;
    private volatile long readAtNanos;
    private volatile double value = Double.NaN;

    Cached(LongSupplier read) {
      this.read = read;
    }

    double value() {
      long now = System.nanoTime();
      if (Double.isNaN(value) || now - readAtNanos > MAX_AGE.toNanos()) {
        try {
          value = read.getAsLong();
          readAtNanos = now;
        } catch (RuntimeException e) {
          log.warn("cannot read the reconciliation runs for a gauge: {}", e.toString());
          value = Double.NaN;
        }
      }
      return value;
    }
  }
}
