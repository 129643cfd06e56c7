package dev.warden.engines.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The limiter with in-memory buckets, and with a Redis that does not answer. */
class RateLimiterTest {

  private static final Env PROD = Env.of("prod");
  private static final TenantId ACME = TenantId.of("acme");

  private final Map<String, String> stored = new ConcurrentHashMap<>();
  private final Map<RouteClass, RateLimitPolicy> defaults = new HashMap<>();

  RateLimiterTest() {
    RateLimitPolicyTest.properties("5/1h").defaults().forEach(defaults::put);
  }

  private RateLimitPolicies policies(Duration ttl) {
    return new RateLimitPolicies(defaults, (t, e) -> Map.copyOf(stored), ttl, System::nanoTime);
  }

  @Test
  void givenAFullBucket_whenItsCapacityIsUsed_thenTheNextIsRefusedWithRetryAndReset() {
    RateLimiter limiter = RateLimiter.local(policies(Duration.ZERO));

    for (int i = 4; i >= 0; i--) {
      RateLimitDecision d = limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(i);
    }
    RateLimitDecision refused = limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isBetween(719L, 720L); // one token per 12 min
    assertThat(refused.resetSeconds()).isBetween(3599L, 3600L);
    assertThat(refused.shared()).isFalse();
  }

  @Test
  void givenOneTenantsBucketIsEmpty_whenAnotherTenantOrClassOrEnvAsks_thenItHasItsOwn() {
    RateLimiter limiter = RateLimiter.local(policies(Duration.ZERO));
    for (int i = 0; i < 5; i++) {
      limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);
    }

    assertThat(limiter.tryConsume(PROD, ACME, RouteClass.SEARCH).allowed()).isFalse();
    assertThat(limiter.tryConsume(PROD, TenantId.of("acme-eu"), RouteClass.SEARCH).allowed())
        .isTrue();
    assertThat(limiter.tryConsume(PROD, ACME, RouteClass.INDEX).allowed()).isTrue();
    assertThat(limiter.tryConsume(Env.of("staging"), ACME, RouteClass.SEARCH).allowed()).isTrue();
  }

  @Test
  void givenAnOverride_whenItChanges_thenTheNewPolicyAppliesWithAFreshBucketAfterTheCache() {
    stored.put("search", "2/1h");
    RateLimiter limiter = RateLimiter.local(policies(Duration.ZERO));
    limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);
    limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);
    assertThat(limiter.tryConsume(PROD, ACME, RouteClass.SEARCH).allowed()).isFalse();

    stored.put("search", "3/1h");
    RateLimitDecision after = limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);

    assertThat(after.allowed()).isTrue();
    assertThat(after.policy()).isEqualTo(RateLimitPolicy.parse("3/1h"));
    assertThat(after.remaining()).isEqualTo(2);
  }

  @Test
  void givenACachedOverride_whenChangedWithinTheTtl_thenTheOldOneHoldsUntilItExpires() {
    stored.put("search", "2/1h");
    RateLimitPolicies policies = policies(Duration.ofHours(1));
    assertThat(policies.policy(PROD, ACME, RouteClass.SEARCH)).hasToString("2/1h");

    stored.put("search", "9/1h");

    assertThat(policies.policy(PROD, ACME, RouteClass.SEARCH)).hasToString("2/1h");
    assertThat(policies(Duration.ZERO).policy(PROD, ACME, RouteClass.SEARCH)).hasToString("9/1h");
  }

  @Test
  void givenABadStoredOverrideOrAnUnreadableLedger_whenAsked_thenTheDefaultApplies() {
    stored.put("search", "10/0s");
    stored.put("nonsense", "1/1m");
    assertThat(policies(Duration.ZERO).policy(PROD, ACME, RouteClass.SEARCH)).hasToString("5/1h");

    RateLimitPolicies failing =
        new RateLimitPolicies(
            defaults,
            (t, e) -> {
              throw new IllegalStateException("database down");
            },
            Duration.ZERO,
            System::nanoTime);
    assertThat(failing.policy(PROD, ACME, RouteClass.SEARCH)).hasToString("5/1h");
  }

  @Test
  void givenRedisDoesNotAnswer_whenRequestsCome_thenTheyAreDecidedLocallyAndFast()
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: nothing listens there
    }
    RateLimitProperties properties =
        new RateLimitProperties(
            true,
            "5/1h",
            "5/1h",
            "5/1h",
            "5/1h",
            "5/1h",
            "redis://127.0.0.1:" + port,
            "t:",
            Duration.ofMillis(200),
            Duration.ofSeconds(30),
            Duration.ZERO);
    try (RateLimiter limiter = RateLimiter.of(policies(Duration.ZERO), properties)) {
      long started = System.nanoTime();
      int allowed = 0;
      for (int i = 0; i < 50; i++) {
        RateLimitDecision d = limiter.tryConsume(PROD, ACME, RouteClass.SEARCH);
        allowed += d.allowed() ? 1 : 0;
        assertThat(d.shared()).isFalse();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(limiter.shared()).isTrue();
      assertThat(limiter.degraded()).isTrue();
      assertThat(allowed).isEqualTo(5);
      assertThat(took).isLessThan(Duration.ofSeconds(2)); // one failed try, then local
    }
  }
}
