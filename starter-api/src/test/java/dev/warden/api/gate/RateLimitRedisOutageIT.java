package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.api.security.TestTokens;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaLimits;
import dev.warden.engines.ratelimit.RateLimitProperties;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A replica whose Redis (a {@code redis-server} process of this test) is killed with SIGKILL mid
 * test: requests keep being answered from local buckets, {@code warden.gate.degraded} is 1; a new
 * Redis on the same port: buckets are shared again (their keys reappear there), degraded 0.
 */
class RateLimitRedisOutageIT extends AbstractDevStackApiTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static int redisPort;
  private static Process redis;
  private static SecondInstance replica;

  @Autowired QuotaLedger ledger;

  @BeforeAll
  static void startRedisAndReplica() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      redisPort = free.getLocalPort();
    }
    redis = startRedis();
    replica =
        SecondInstance.start(
            "warden.rate-limit.redis-url=redis://127.0.0.1:" + redisPort,
            "warden.rate-limit.degraded-retry=500ms");
  }

  @AfterAll
  static void stop() {
    if (replica != null) {
      replica.close();
    }
    if (redis != null) {
      redis.destroyForcibly();
    }
  }

  @Test
  void givenRedisIsKilledAndRestarted_whenRequestsKeepComing_thenServedLocallyThenSharedAgain()
      throws Exception {
    String tenant = "rl-outage-" + Long.toString(System.nanoTime(), 36);
    ledger.setLimits(
        TenantId.of(tenant),
        Env.of("prod"),
        new QuotaLimits(null, null, Map.of("search", "1000/1h")),
        "user:test",
        "redis outage test");
    String pattern = replica.bean(RateLimitProperties.class).keyPrefix() + "prod:" + tenant + ":*";

    assertThat(search(tenant)).isEqualTo(200);
    assertThat(keys(pattern)).hasSize(1);
    assertThat(degraded()).isZero();

    redis.destroyForcibly().waitFor(); // SIGKILL: no goodbye to the connected replica
    for (int i = 0; i < 20; i++) {
      long started = System.nanoTime();
      assertThat(search(tenant)).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
    assertThat(degraded()).isEqualTo(1.0);

    redis = startRedis(); // empty: the key can only come back from the replica
    assertThat(keys(pattern)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(search(tenant)).isEqualTo(200);
              assertThat(keys(pattern)).hasSize(1);
            });
    assertThat(degraded()).isZero();
  }

  private static Process startRedis() throws Exception {
    Process p =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(redisPort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(new File("target/redis-outage-it.log"))
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> listening(redisPort));
    return p;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> keys(String pattern) {
    try (RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        StatefulRedisConnection<String, String> c = client.connect()) {
      return c.sync().keys(pattern);
    }
  }

  private static double degraded() {
    return replica.bean(MeterRegistry.class).get("warden.gate.degraded").gauge().value();
  }

  private static int search(String tenant) throws Exception {
    HttpResponse<Void> answer =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + replica.port
                            + "/v1/tenants/"
                            + tenant
                            + "/search?q=x"))
                .header("Authorization", TestTokens.bearer(TestTokens.tenant(tenant)))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(answer.headers().firstValue("RateLimit")).isPresent();
    return answer.statusCode();
  }
}
