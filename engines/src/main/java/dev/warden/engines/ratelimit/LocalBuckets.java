package dev.warden.engines.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bucket4j's in-memory buckets, one per key, for a single replica or while Redis is unreachable.
 * Memory is bounded: past {@link #MAX_BUCKETS} keys, full (idle) buckets are dropped, which loses
 * nothing since a new bucket starts full.
 */
final class LocalBuckets implements Buckets {

  static final int MAX_BUCKETS = 100_000;

  private record Entry(Bucket bucket, long capacity) {}

  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
    Entry entry = buckets.get(key);
    if (entry == null) {
      if (buckets.size() >= MAX_BUCKETS) {
        buckets.values().removeIf(e -> e.bucket().getAvailableTokens() >= e.capacity());
      }
      entry = buckets.computeIfAbsent(key, k -> newEntry(configuration));
    }
    return entry.bucket().tryConsumeAndReturnRemaining(1);
  }

  private static Entry newEntry(BucketConfiguration configuration) {
    Bandwidth limit = configuration.getBandwidths()[0];
    return new Entry(Bucket.builder().addLimit(limit).build(), limit.getCapacity());
  }
}
