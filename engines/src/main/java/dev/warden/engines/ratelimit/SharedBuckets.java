package dev.warden.engines.ratelimit;

import java.time.Duration;

/**
 * Buckets every replica shares ({@link RedisBuckets}). Unlike local ones they can fail: {@link
 * RateLimiter} then falls back to this replica's local buckets.
 */
interface SharedBuckets extends Buckets, AutoCloseable {

  /** Opens the connection, retrying up to {@code budget}; false when the store did not answer. */
  boolean connectWithin(Duration budget);

  @Override
  void close();
}
