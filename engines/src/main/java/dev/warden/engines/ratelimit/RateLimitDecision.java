package dev.warden.engines.ratelimit;

import java.util.concurrent.TimeUnit;

/**
 * The answer of one {@link RateLimiter#tryConsume}: whether a token was taken, what is left, and
 * when the bucket has a token again ({@code nanosToRefill}, 0 when allowed) or is full ({@code
 * nanosToReset}). {@code shared} says whether the bucket was the replicas' shared one (Redis).
 */
public record RateLimitDecision(
    boolean allowed,
    RouteClass routeClass,
    RateLimitPolicy policy,
    long remaining,
    long nanosToRefill,
    long nanosToReset,
    boolean shared) {

  /** Seconds until a retry can succeed: whole seconds, at least 1 (for {@code Retry-After}). */
  public long retryAfterSeconds() {
    return Math.max(1, ceilSeconds(nanosToRefill));
  }

  /** Seconds until the bucket is full again (the {@code t} of the RateLimit header). */
  public long resetSeconds() {
    return allowed
        ? ceilSeconds(nanosToReset)
        : Math.max(retryAfterSeconds(), ceilSeconds(nanosToReset));
  }

  private static long ceilSeconds(long nanos) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
    return nanos > TimeUnit.SECONDS.toNanos(seconds) ? seconds + 1 : seconds;
  }
}
