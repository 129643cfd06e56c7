package dev.warden.engines.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.TimeUnit;

/**
 * The one bandwidth shape {@link RedisBuckets}' script computes: {@code capacity} tokens, starting
 * full, refilled greedily by {@code refillTokens} per {@code periodMillis}. That is every shape
 * Warden builds ({@link Buckets#configuration}: capacity per period). Anything else is refused
 * before Redis is asked, since the script would silently compute something else.
 */
record GreedyLimit(long capacity, long refillTokens, long periodMillis) {

  /** Doubles (Lua's numbers) hold every integer up to here exactly. */
  static final long EXACT_IN_LUA = 1L << 53;

  private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * @throws IllegalArgumentException for any other configuration: several bandwidths, interval
   *     refill, custom initial tokens, a period that is not whole milliseconds, or numbers the
   *     script cannot hold exactly
   */
  static GreedyLimit of(BucketConfiguration configuration) {
    Bandwidth[] bandwidths = configuration.getBandwidths();
    if (bandwidths.length != 1) {
      throw unsupported("exactly one bandwidth", configuration);
    }
    Bandwidth b = bandwidths[0];
    if (b.isRefillIntervally() || b.isIntervallyAligned() || b.isUseAdaptiveInitialTokens()) {
      throw unsupported("greedy refill", configuration);
    }
    if (b.getInitialTokens() != b.getCapacity()) {
      throw unsupported("a bucket that starts full", configuration);
    }
    if (b.getRefillPeriodNanos() % NANOS_PER_MILLI != 0) {
      throw unsupported("a refill period of whole milliseconds", configuration);
    }
    long period = b.getRefillPeriodNanos() / NANOS_PER_MILLI;
    if (b.getCapacity() > EXACT_IN_LUA / period
        || b.getRefillTokens() + 1 > EXACT_IN_LUA / period) {
      throw unsupported("capacity x period and refill x period below 2^53 ms", configuration);
    }
    return new GreedyLimit(b.getCapacity(), b.getRefillTokens(), period);
  }

  private static IllegalArgumentException unsupported(String what, BucketConfiguration c) {
    return new IllegalArgumentException(
        "Redis rate-limit buckets support " + what + " only, not " + c);
  }

  /**
   * The probe Bucket4j's own bucket gives for the same state: the script returns the state after
   * the decision in milliseconds (a rounding error of {@code e} ms-tokens is {@code e x 10^6} in
   * Bucket4j's nanosecond state) and the waits follow Bucket4j's greedy formulas, floored.
   */
  ConsumptionProbe probe(boolean consumed, long tokens, long roundingErrorMillis) {
    long error = roundingErrorMillis * NANOS_PER_MILLI;
    long toReset = nanosFor(capacity - tokens, error);
    return consumed
        ? ConsumptionProbe.consumed(tokens, toReset)
        : ConsumptionProbe.rejected(tokens, nanosFor(1 - tokens, error), toReset);
  }

  /** Bucket4j's {@code calculateDelayNanosAfterWillBePossibleToConsumeForGreedyBandwidth}. */
  private long nanosFor(long deficit, long roundingErrorNanos) {
    if (deficit <= 0) {
      return 0;
    }
    long periodNanos = periodMillis * NANOS_PER_MILLI;
    long high = Math.multiplyHigh(periodNanos, deficit);
    long divided = periodNanos * deficit;
    if (high != 0 || divided < 0) { // overflow: Bucket4j falls back to doubles, and so do we
      return (long) ((double) deficit / (double) refillTokens * (double) periodNanos);
    }
    return (divided - roundingErrorNanos) / refillTokens;
  }

  /** The script's arguments, in its order. */
  String[] scriptArguments(long marginMillis) {
    return new String[] {
      Long.toString(capacity),
      Long.toString(refillTokens),
      Long.toString(periodMillis),
      Long.toString(marginMillis)
    };
  }
}
