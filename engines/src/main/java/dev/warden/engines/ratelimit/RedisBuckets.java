package dev.warden.engines.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
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

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), so every replica
 * draws from the same bucket. Keys expire once their bucket would be full again (plus a margin).
 * Every call is bounded by {@code timeout}; the connection is opened lazily and dropped on any
 * failure (no Lettuce auto-reconnect queueing commands), so the next try after an outage opens a
 * fresh one.
 */
final class RedisBuckets implements Buckets, AutoCloseable {

  static final Duration KEY_MARGIN = Duration.ofSeconds(10);

  private final RedisClient client;
  private final Duration timeout;
  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private volatile ProxyManager<byte[]> proxies;

  RedisBuckets(String url, Duration timeout) {
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
      return manager
          .builder()
          .build(key.getBytes(StandardCharsets.UTF_8), () -> configuration)
          .tryConsumeAndReturnRemaining(1);
    } catch (RuntimeException e) {
      drop();
      throw e;
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
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_MARGIN))
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
  }

  @Override
  public void close() {
    drop();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
