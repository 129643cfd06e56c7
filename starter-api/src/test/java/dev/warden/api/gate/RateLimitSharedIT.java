package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.api.security.TestTokens;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaLimits;
import dev.warden.engines.ratelimit.RateLimitProperties;
import dev.warden.engines.ratelimit.RateLimiter;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two API replicas on one Redis (the machine's, {@code WARDEN_REDIS_URL}): a tenant allowed N
 * searches per hour gets exactly N accepted in total, whichever replica it hits, under concurrent
 * load. Greedy refill adds N x elapsed / 1 h during the test: well under one token here.
 */
class RateLimitSharedIT extends AbstractDevStackApiTest {

  private static final int LIMIT = 20;
  private static final int THREADS_PER_INSTANCE = 8;
  private static final int REQUESTS_PER_THREAD = 10;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static SecondInstance instanceB;

  @LocalServerPort int portA;
  @Autowired QuotaLedger ledger;
  @Autowired RateLimiter limiter;
  @Autowired RateLimitProperties properties;

  @BeforeAll
  static void startSecondInstance() {
    instanceB = SecondInstance.start();
  }

  @AfterAll
  static void stopSecondInstance() {
    if (instanceB != null) {
      instanceB.close();
    }
  }

  @Test
  void givenTwoReplicasOnOneRedis_whenBothAreFloodedAtOnce_thenExactlyTheLimitIsAccepted()
      throws Exception {
    assertThat(limiter.shared())
        .as("WARDEN_REDIS_URL must point at a Redis (./warden test sets redis://127.0.0.1:6379)")
        .isTrue();
    assertThat(instanceB.bean(RateLimiter.class).shared()).isTrue();
    String tenant = "rl-shared-" + Long.toString(System.nanoTime(), 36);
    ledger.setLimits(
        TenantId.of(tenant),
        Env.of("prod"),
        new QuotaLimits(null, null, Map.of("search", LIMIT + "/1h")),
        "user:test",
        "shared rate-limit test");
    // Warm both replicas' code paths (first calls are slow), and let one that started while
    // Redis was slow to answer (a busy machine) reconnect, as it does after its retry period.
    RateLimiter limiterB = instanceB.bean(RateLimiter.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 20; i++) {
                search(portA, "rl-warmup");
                search(instanceB.port, "rl-warmup");
              }
              assertThat(limiter.degraded() || limiterB.degraded()).isFalse();
            });
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> acceptedByPort = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
    List<Future<?>> running = new ArrayList<>();
    for (int port : new int[] {portA, instanceB.port}) {
      for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
        running.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    int status = search(port, tenant);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 200) {
                      acceptedByPort
                          .computeIfAbsent(port, p -> new AtomicInteger())
                          .incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
    }
    start.countDown();
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();

    int total = 2 * THREADS_PER_INSTANCE * REQUESTS_PER_THREAD;
    assertThat(limiter.degraded() || instanceB.bean(RateLimiter.class).degraded())
        .as("a replica fell back to local buckets (see its log)")
        .isFalse();
    assertThat(statuses.keySet()).as("%s", statuses).containsOnly(200, 429);
    assertThat(statuses.get(200).get()).as("accepted by both: %s", acceptedByPort).isEqualTo(LIMIT);
    assertThat(statuses.get(429).get()).isEqualTo(total - LIMIT);
    try (RedisClient client = RedisClient.create(properties.redisUrl());
        StatefulRedisConnection<String, String> redis = client.connect()) {
      assertThat(redis.sync().keys(properties.keyPrefix() + "prod:" + tenant + ":search:*"))
          .containsExactly(properties.keyPrefix() + "prod:" + tenant + ":search:" + LIMIT + "/1h");
    }
  }

  private static int search(int port, String tenant) throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/v1/tenants/" + tenant + "/search?q=x"))
                .header("Authorization", TestTokens.bearer(TestTokens.tenant(tenant)))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
