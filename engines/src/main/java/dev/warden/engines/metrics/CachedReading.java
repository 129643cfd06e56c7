package dev.warden.engines.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for a gauge, at most once per {@code maxAge}: Micrometer has no
 * cached gauge, and a scrape every few seconds must not be a query each. A read that fails keeps
 * the last value read (empty before the first success) and is tried again after {@code maxAge}.
 */
public final class CachedReading<T> {

  private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

  private final String what;
  private final Supplier<T> read;
  private final Duration maxAge;
  private final Clock clock;
  private T value;
  private Instant readAt;

  /**
   * @param what what is read, for the log line of a failed read
   */
  public CachedReading(String what, Supplier<T> read, Duration maxAge, Clock clock) {
    this.what = Objects.requireNonNull(what, "what");
    this.read = Objects.requireNonNull(read, "read");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The value, read again when the last attempt is older than maxAge; null until one succeeds. */
  public synchronized T get() {
    Instant now = clock.instant();
    if (readAt != null && readAt.plus(maxAge).isAfter(now)) {
      return value;
    }
    try {
      value = read.get();
    } catch (RuntimeException unavailable) {
      log.warn("{} not refreshed: {}", what, unavailable.toString());
    }
    readAt = now;
    return value;
  }
}
