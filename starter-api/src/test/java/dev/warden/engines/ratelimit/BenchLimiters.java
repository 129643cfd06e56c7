package dev.warden.engines.ratelimit;

/** Limiters for benches, built on other shared buckets than production's. */
public final class BenchLimiters {

  private BenchLimiters() {}

  /** As {@link RateLimiter#of}, with Bucket4j's compare-and-swap buckets in Redis (the peer). */
  public static RateLimiter bucket4jCas(
      RateLimitPolicies policies, RateLimitProperties properties) {
    return RateLimiter.of(policies, properties, Bucket4jCasBuckets::new);
  }
}
