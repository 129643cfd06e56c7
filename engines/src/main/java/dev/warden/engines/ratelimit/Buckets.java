package dev.warden.engines.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where buckets live: this replica's memory or Redis. Keys are built by {@link RateLimiter}. */
interface Buckets {

  ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);

  static BucketConfiguration configuration(RateLimitPolicy policy) {
    return BucketConfiguration.builder()
        .addLimit(
            limit ->
                limit.capacity(policy.capacity()).refillGreedy(policy.capacity(), policy.period()))
        .build();
  }
}
