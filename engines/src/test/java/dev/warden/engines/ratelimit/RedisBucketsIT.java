package dev.warden.engines.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.ratelimit.RedisBuckets.Taken;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DevStackProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisBuckets} on the machine's Redis ({@code WARDEN_REDIS_URL}, as set by ./warden test),
 * under this JVM's key prefix: exact across replicas, the same decisions and probes as Bucket4j's
 * own bucket at the same (Redis) times, keys that expire.
 */
class RedisBucketsIT {

  static final String REDIS_URL = System.getenv("WARDEN_REDIS_URL");
  static final Duration TIMEOUT = Duration.ofSeconds(1); // a starved machine, as in the ITs
  static final String PREFIX = DevStackProperties.RATE_LIMIT_KEY_PREFIX + "buckets:";

  private static RedisClient client;
  private static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void connect() {
    assertThat(REDIS_URL)
        .as("WARDEN_REDIS_URL must point at a Redis (./warden test sets redis://127.0.0.1:6379)")
        .isNotBlank();
    client = RedisClient.create(REDIS_URL);
    redis = client.connect();
  }

  @AfterAll
  static void close() {
    redis.sync().keys(PREFIX + "*").forEach(k -> redis.sync().del(k));
    redis.close();
    client.shutdown();
  }

  @Test
  void givenTwoReplicasFloodingOneKey_whenEmptiedThenRefilled_thenExactlyCapacityThenTheRefill()
      throws Exception {
    long capacity = 40;
    long periodMillis = 40_000; // a token per second
    GreedyLimit limit =
        GreedyLimit.of(
            Buckets.configuration(new RateLimitPolicy(capacity, Duration.ofMillis(periodMillis))));
    String key = PREFIX + "exact";
    try (RedisBuckets a = new RedisBuckets(REDIS_URL, TIMEOUT);
        RedisBuckets b = new RedisBuckets(REDIS_URL, TIMEOUT)) {
      assertThat(a.connectWithin(Duration.ofSeconds(5)) && b.connectWithin(Duration.ofSeconds(5)))
          .isTrue();

      List<Taken> first = flood(key, limit, a, b);
      Thread.sleep(2_500);
      List<Taken> second = flood(key, limit, a, b);

      // First flood: the full bucket plus one token per whole second the flood lasted (0 unless
      // the machine stalled), the rest refused.
      long start = first.stream().mapToLong(Taken::redisMillis).min().orElseThrow();
      long end = first.stream().mapToLong(Taken::redisMillis).max().orElseThrow();
      long granted = first.stream().filter(Taken::consumed).count();
      assertThat(granted).isEqualTo(capacity + (end - start) * capacity / periodMillis);
      // Second: exactly what refilled from the first flood's last write to its last request.
      Taken lastWrite =
          first.stream()
              .filter(Taken::consumed)
              .max(Comparator.comparingLong(Taken::redisMillis))
              .orElseThrow();
      long secondEnd = second.stream().mapToLong(Taken::redisMillis).max().orElseThrow();
      long refilled =
          (lastWrite.roundingErrorMillis() + capacity * (secondEnd - lastWrite.redisMillis()))
              / periodMillis;
      assertThat(refilled).as("2.5 s at a token per second").isBetween(2L, 4L);
      assertThat(second.stream().filter(Taken::consumed).count()).isEqualTo(refilled);
      // And a single Bucket4j bucket fed the same requests at the same times agrees on both.
      List<Boolean> replayed = replay(limit, concat(first, second));
      assertThat(replayed.subList(0, first.size()).stream().filter(x -> x).count())
          .isEqualTo(granted);
      assertThat(replayed.subList(first.size(), replayed.size()).stream().filter(x -> x).count())
          .isEqualTo(refilled);
    }
  }

  @Test
  void givenASequenceOfRequests_whenReplayedOnBucket4jsOwnBucket_thenTheSameProbes()
      throws Exception {
    BucketConfiguration[] shapes = {
      Buckets.configuration(RateLimitPolicy.parse("5/2s")),
      Buckets.configuration(RateLimitPolicy.parse("10000000/7d")),
      BucketConfiguration.builder()
          .addLimit(l -> l.capacity(4).refillGreedy(3, Duration.ofMillis(1_100)))
          .build()
    };
    Random random = new Random(24);
    try (RedisBuckets buckets = new RedisBuckets(REDIS_URL, TIMEOUT)) {
      for (BucketConfiguration shape : shapes) {
        GreedyLimit limit = GreedyLimit.of(shape);
        String key = PREFIX + "sequence:" + limit;
        ManualClock clock = new ManualClock();
        Bucket local = null;
        int refused = 0;
        int refilledAfterRefusal = 0;
        for (int i = 0; i < 40; i++) {
          Taken taken = buckets.take(key, limit);
          ConsumptionProbe shared =
              limit.probe(taken.consumed(), taken.tokens(), taken.roundingErrorMillis());
          clock.nanos = Duration.ofMillis(taken.redisMillis()).toNanos();
          if (local == null) {
            local =
                Bucket.builder().withCustomTimePrecision(clock).addLimit(bandwidth(shape)).build();
          }
          ConsumptionProbe expected = local.tryConsumeAndReturnRemaining(1);

          assertThat(shared.isConsumed())
              .as("%s call %d", limit, i)
              .isEqualTo(expected.isConsumed());
          assertThat(shared.getRemainingTokens())
              .as("%s call %d remaining", limit, i)
              .isEqualTo(expected.getRemainingTokens());
          assertThat(shared.getNanosToWaitForRefill())
              .as("%s call %d to refill", limit, i)
              .isEqualTo(expected.getNanosToWaitForRefill());
          assertThat(shared.getNanosToWaitForReset())
              .as("%s call %d to reset", limit, i)
              .isEqualTo(expected.getNanosToWaitForReset());
          refilledAfterRefusal += refused > 0 && shared.isConsumed() ? 1 : 0;
          refused += shared.isConsumed() ? 0 : 1;
          Thread.sleep(random.nextInt(100));
        }
        if (limit.capacity() < 10) { // the small buckets empty and refill during the sequence
          assertThat(refused).as("%s refusals", limit).isPositive();
          assertThat(refilledAfterRefusal).as("%s refills", limit).isPositive();
        }
      }
    }
  }

  @Test
  void givenTheLimiterOnRedis_whenABucketEmpties_thenRetryAfterResetAndTheKeysLifeFollowIt() {
    Map<RouteClass, RateLimitPolicy> defaults = RateLimitPolicyTest.properties("5/1h").defaults();
    RateLimitPolicies policies =
        new RateLimitPolicies(defaults, (t, e) -> Map.of(), Duration.ZERO, System::nanoTime);
    RateLimitProperties properties =
        new RateLimitProperties(
            true,
            "5/1h",
            "5/1h",
            "5/1h",
            "5/1h",
            "5/1h",
            REDIS_URL,
            PREFIX,
            TIMEOUT,
            Duration.ofSeconds(30),
            Duration.ZERO);
    String key = PREFIX + "prod:acme:search:5/1h";
    try (RateLimiter limiter = RateLimiter.of(policies, properties)) {
      RateLimitDecision first =
          limiter.tryConsume(Env.of("prod"), TenantId.of("acme"), RouteClass.SEARCH);
      assertThat(first.allowed()).isTrue();
      assertThat(first.shared()).isTrue();
      assertThat(first.remaining()).isEqualTo(4);
      // One token short: full again in 720 s; the key lives that long plus the margin.
      assertThat(redis.sync().pttl(key)).isBetween(729_000L, 730_000L);
      for (int i = 3; i >= 0; i--) {
        assertThat(
                limiter
                    .tryConsume(Env.of("prod"), TenantId.of("acme"), RouteClass.SEARCH)
                    .remaining())
            .isEqualTo(i);
      }

      RateLimitDecision refused =
          limiter.tryConsume(Env.of("prod"), TenantId.of("acme"), RouteClass.SEARCH);

      assertThat(refused.allowed()).isFalse();
      assertThat(refused.shared()).isTrue();
      assertThat(refused.remaining()).isZero();
      assertThat(refused.retryAfterSeconds()).isBetween(719L, 720L); // one token per 12 min
      assertThat(refused.resetSeconds()).isBetween(3599L, 3600L);
      assertThat(redis.sync().pttl(key)).isBetween(3_600_000L + 9_000, 3_610_000L);
      assertThat(limiter.degraded()).isFalse();
    }
  }

  @Test
  void givenAKeyWithBucket4jsOldState_whenTaken_thenItCountsAsAFullBucket() {
    String key = PREFIX + "old-format";
    redis.sync().set(key, "\u0000\u0000\u0000\u0003binary state of Bucket4j");
    GreedyLimit limit = GreedyLimit.of(Buckets.configuration(RateLimitPolicy.parse("7/1m")));
    try (RedisBuckets buckets = new RedisBuckets(REDIS_URL, TIMEOUT)) {
      Taken taken = buckets.take(key, limit);

      assertThat(taken.consumed()).isTrue();
      assertThat(taken.tokens()).isEqualTo(6);
      assertThat(redis.sync().get(key)).matches("6:0:\\d+");
    }
  }

  @Test
  void givenAShapeTheScriptCannotCompute_whenTried_thenRefusedWithoutTouchingRedis() {
    BucketConfiguration interval =
        BucketConfiguration.builder()
            .addLimit(l -> l.capacity(5).refillIntervally(5, Duration.ofMinutes(1)))
            .build();
    try (RedisBuckets buckets = new RedisBuckets(REDIS_URL, TIMEOUT)) {
      assertThatThrownBy(() -> buckets.tryConsume(PREFIX + "interval", interval))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("greedy");
    }
    assertThat(redis.sync().exists(PREFIX + "interval")).isZero();
  }

  @Test
  void givenRedisForgotTheScript_whenTaken_thenItIsRunAndCachedAgainAndTheBucketKept()
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process own = // a Redis of this test's own: SCRIPT FLUSH must not touch the shared one
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(new File("target/redis-buckets-it.log"))
            .start();
    String url = "redis://127.0.0.1:" + port;
    GreedyLimit limit = GreedyLimit.of(Buckets.configuration(RateLimitPolicy.parse("9/1h")));
    try (RedisBuckets buckets = new RedisBuckets(url, TIMEOUT);
        RedisClient ownClient = RedisClient.create(url);
        StatefulRedisConnection<String, String> admin = connectWithin(ownClient)) {
      assertThat(buckets.connectWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(buckets.take("k", limit).tokens()).isEqualTo(8);

      admin.sync().scriptFlush();
      assertThat(admin.sync().scriptExists(RedisBuckets.SCRIPT_SHA)).containsExactly(false);
      Taken afterFlush = buckets.take("k", limit);

      assertThat(afterFlush.consumed()).isTrue();
      assertThat(afterFlush.tokens()).isEqualTo(7);
      assertThat(admin.sync().scriptExists(RedisBuckets.SCRIPT_SHA)).containsExactly(true);
      assertThat(buckets.take("k", limit).tokens()).isEqualTo(6);
    } finally {
      own.destroyForcibly().waitFor();
    }
  }

  private static StatefulRedisConnection<String, String> connectWithin(RedisClient client)
      throws InterruptedException {
    for (int i = 0; ; i++) {
      try {
        return client.connect();
      } catch (RuntimeException e) {
        if (i >= 100) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Two replicas, eight threads each, 20 requests per thread, all started at once. */
  static List<Taken> flood(String key, GreedyLimit limit, RedisBuckets... replicas)
      throws Exception {
    Queue<Taken> answers = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8 * replicas.length);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (RedisBuckets replica : replicas) {
        for (int t = 0; t < 8; t++) {
          running.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                      answers.add(replica.take(key, limit));
                    }
                    return null;
                  }));
        }
      }
      go.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new ArrayList<>(answers);
  }

  /** Bucket4j's decisions for the same requests in Redis-time order (order within 1 ms is moot). */
  private static List<Boolean> replay(GreedyLimit limit, List<List<Taken>> phases) {
    ManualClock clock = new ManualClock();
    Bucket bucket = null;
    List<Boolean> out = new ArrayList<>();
    for (List<Taken> phase : phases) {
      List<Taken> sorted = new ArrayList<>(phase);
      sorted.sort(Comparator.comparingLong(Taken::redisMillis));
      for (Taken t : sorted) {
        clock.nanos = Duration.ofMillis(t.redisMillis()).toNanos();
        if (bucket == null) {
          bucket =
              Bucket.builder()
                  .withCustomTimePrecision(clock)
                  .addLimit(
                      l ->
                          l.capacity(limit.capacity())
                              .refillGreedy(
                                  limit.refillTokens(), Duration.ofMillis(limit.periodMillis())))
                  .build();
        }
        out.add(bucket.tryConsume(1));
      }
    }
    return out;
  }

  private static List<List<Taken>> concat(List<Taken> first, List<Taken> second) {
    return List.of(first, second);
  }

  private static Bandwidth bandwidth(BucketConfiguration configuration) {
    return configuration.getBandwidths()[0];
  }

  /** Bucket4j's clock set to the Redis time of each decision. */
  static final class ManualClock implements io.github.bucket4j.TimeMeter {
    volatile long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
