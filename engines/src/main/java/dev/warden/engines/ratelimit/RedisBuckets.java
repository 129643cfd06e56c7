package dev.warden.engines.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Buckets in Redis shared by every replica, each decision one round trip: the Lua script {@code
 * token-bucket.lua} reads the bucket, refills it by Redis' own clock ({@code TIME}, so replicas
 * with skewed clocks agree), takes a token and writes it back, atomically, run with EVALSHA (EVAL
 * once when Redis answers NOSCRIPT, e.g. after a restart). Keys expire once their bucket would be
 * full again, plus {@link #KEY_MARGIN}.
 *
 * <p>Why hand-written rather than Bucket4j, which Warden keeps for local buckets: Bucket4j 8.14's
 * Redis integrations (Lettuce, Jedis, Redisson) are compare-and-swap only. Its bucket arithmetic
 * runs in the JVM, so every decision is a GET and then a Lua compare-and-swap (two round trips,
 * more under contention), measured at a chain p99 of 5.7 ms at 2,000 req/s against a 1 ms goal
 * (docs/benchmarks.md). Its lighter modes ({@code Optimizations.delaying}/{@code predicting}) give
 * up exactness across replicas. The script keeps Bucket4j's semantics: the same 64-bit greedy
 * refill with its rounding error, on millisecond ticks as Bucket4j's default clock uses, and the
 * probe's waits by Bucket4j's formulas ({@link GreedyLimit}); RedisBucketsIT replays Redis'
 * decisions on a Bucket4j bucket and asserts equal probes.
 *
 * <p>Every call is bounded by {@code timeout}; the connection is opened lazily and dropped on any
 * failure (no Lettuce auto-reconnect queueing commands), so the next try after an outage opens a
 * fresh one. A key still holding Bucket4j's binary state (written before this class) reads as a
 * full bucket and is overwritten.
 */
final class RedisBuckets implements SharedBuckets {

  static final Duration KEY_MARGIN = Duration.ofSeconds(10);
  static final String SCRIPT = script();
  static final String SCRIPT_SHA = sha1(SCRIPT);

  /** One decision of the script, with the Redis time it was taken at (for tests). */
  record Taken(boolean consumed, long tokens, long roundingErrorMillis, long redisMillis) {}

  private final RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;

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
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
    GreedyLimit limit = GreedyLimit.of(configuration); // refused before Redis is asked
    Taken taken = take(key, limit);
    return limit.probe(taken.consumed(), taken.tokens(), taken.roundingErrorMillis());
  }

  Taken take(String key, GreedyLimit limit) {
    StatefulRedisConnection<String, String> open = connection();
    try {
      List<Object> answer = run(open.sync(), key, limit.scriptArguments(KEY_MARGIN.toMillis()));
      return new Taken(
          (Long) answer.get(0) == 1L,
          (Long) answer.get(1),
          (Long) answer.get(2),
          (Long) answer.get(3));
    } catch (RuntimeException e) {
      drop();
      throw e;
    }
  }

  private static List<Object> run(RedisCommands<String, String> redis, String key, String[] args) {
    String[] keys = {key};
    try {
      return redis.evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args); // caches it again
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

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> open = connection;
    return open != null && open.isOpen() ? open : connect();
  }

  /** Connects and loads the script, so a Redis that cannot run it counts as unreachable. */
  private synchronized StatefulRedisConnection<String, String> connect() {
    if (connection == null || !connection.isOpen()) {
      drop();
      StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8);
      try {
        opened.sync().scriptLoad(SCRIPT);
      } catch (RuntimeException e) {
        opened.closeAsync();
        throw e;
      }
      connection = opened;
    }
    return connection;
  }

  private synchronized void drop() {
    if (connection != null) {
      connection.closeAsync();
    }
    connection = null;
  }

  @Override
  public void close() {
    drop();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private static String script() {
    try (InputStream in = RedisBuckets.class.getResourceAsStream("token-bucket.lua")) {
      if (in == null) {
        throw new IllegalStateException("token-bucket.lua missing beside RedisBuckets");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
