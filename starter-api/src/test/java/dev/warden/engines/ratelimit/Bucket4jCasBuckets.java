package dev.warden.engines.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis buckets Warden used before {@link RedisBuckets}' own script, kept in test sources as
 * the peer of GateOverheadBench (same run, same Redis): Bucket4j's Lettuce proxy manager
 * (compare-and-swap: a GET, then a Lua compare-and-swap per decision). Concurrent requests of this
 * replica for one key are batched into one compare-and-swap (Bucket4j's batching optimisation).
 * Every call is bounded by {@code timeout}; the connection is opened lazily and dropped on any
 * failure, as in {@link RedisBuckets}.
 */
final class Bucket4jCasBuckets implements SharedBuckets {

  private static final int MAX_PROXIES = 100_000;

  private final RedisClient client;
  private final Duration timeout;
  private final Map<String, BucketProxy> buckets = new ConcurrentHashMap<>();
  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private volatile ProxyManager<byte[]> proxies;

  Bucket4jCasBuckets(String url, Duration timeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    this.client = RedisClient.create(uri);
    this.client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    this.timeout = timeout;
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
    ProxyManager<byte[]> manager = proxies();
    try {
      BucketProxy bucket = buckets.get(key);
      if (bucket == null) {
        if (buckets.size() >= MAX_PROXIES) {
          buckets.clear(); // proxies hold no state worth keeping: Redis has it
        }
        bucket =
            buckets.computeIfAbsent(
                key,
                k ->
                    manager
                        .builder()
                        .withOptimization(Optimizations.batching())
                        .build(k.getBytes(StandardCharsets.UTF_8), () -> configuration));
      }
      return bucket.tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      drop();
      throw e;
    }
  }

  /**
   * Opens the connection at startup, retrying for up to {@code budget}: the very first connect of a
   * JVM (Netty and Lettuce warming up) may take longer than the per-request timeout.
   *
   * @return false when Redis did not answer within the budget
   */
  @Override
  public boolean connectWithin(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    while (true) {
      try {
        connect();
        return true;
      } catch (RuntimeException e) {
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private ProxyManager<byte[]> proxies() {
    ProxyManager<byte[]> known = proxies;
    StatefulRedisConnection<byte[], byte[]> open = connection;
    return known != null && open != null && open.isOpen() ? known : connect();
  }

  private synchronized ProxyManager<byte[]> connect() {
    if (proxies == null || connection == null || !connection.isOpen()) {
      drop();
      connection = client.connect(ByteArrayCodec.INSTANCE);
      proxies =
          Bucket4jLettuce.casBasedBuilder(connection)
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      RedisBuckets.KEY_MARGIN))
              .requestTimeout(timeout)
              .build();
    }
    return proxies;
  }

  private synchronized void drop() {
    if (connection != null) {
      connection.closeAsync();
    }
    connection = null;
    proxies = null;
    buckets.clear();
  }

  @Override
  public void close() {
    drop();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
