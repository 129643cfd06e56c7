package dev.warden.engines.ratelimit;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token from the bucket of an env, tenant and route class. With Redis the bucket is
 * shared by every replica; when Redis fails, this replica switches to its local buckets at once
 * (logged once), stays local for {@code degradedRetryNanos}, then lets one request try Redis again
 * while the others stay local, and goes back to shared buckets when that try succeeds (logged
 * once). So an outage costs at most one Redis timeout per retry period, never an error.
 *
 * <p>Keys: {@code {prefix}{env}:{tenant or _}:{routeClass}:{policy}}, e.g. {@code
 * warden:rate:prod:acme:search:600/1m}. The policy is part of the key, so a new override starts a
 * fresh (full) bucket instead of inheriting the old one's count.
 */
public final class RateLimiter implements AutoCloseable {

  static final String NO_TENANT = "_";
  static final Duration STARTUP_CONNECT = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

  private final RateLimitPolicies policies;
  private final LocalBuckets local = new LocalBuckets();
  private final SharedBuckets redis;
  private final String keyPrefix;
  private final long degradedRetryNanos;
  private final LongSupplier nanoTime;
  private final AtomicBoolean degraded = new AtomicBoolean();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final Map<RateLimitPolicy, BucketConfiguration> configurations =
      new ConcurrentHashMap<>();
  private volatile long retryRedisAt;

  RateLimiter(
      RateLimitPolicies policies,
      SharedBuckets redis,
      String keyPrefix,
      long degradedRetryNanos,
      LongSupplier nanoTime) {
    this.policies = policies;
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.degradedRetryNanos = degradedRetryNanos;
    this.nanoTime = nanoTime;
  }

  /** In-memory buckets only: one replica. */
  public static RateLimiter local(RateLimitPolicies policies) {
    return new RateLimiter(policies, null, "", 0, System::nanoTime);
  }

  /** Shared buckets in Redis at {@code properties.redisUrl()}, local ones while it is down. */
  public static RateLimiter of(RateLimitPolicies policies, RateLimitProperties properties) {
    return of(policies, properties, RedisBuckets::new);
  }

  /** As {@link #of(RateLimitPolicies, RateLimitProperties)} with other shared buckets (benches). */
  static RateLimiter of(
      RateLimitPolicies policies,
      RateLimitProperties properties,
      BiFunction<String, Duration, SharedBuckets> sharedBuckets) {
    if (!properties.shared()) {
      return local(policies);
    }
    SharedBuckets redis = sharedBuckets.apply(properties.redisUrl(), properties.redisTimeout());
    RateLimiter limiter =
        new RateLimiter(
            policies,
            redis,
            properties.keyPrefix(),
            properties.degradedRetry().toNanos(),
            System::nanoTime);
    if (redis.connectWithin(STARTUP_CONNECT)) {
      log.info("rate-limit buckets shared in Redis at {}", redacted(properties.redisUrl()));
    } else {
      limiter.degrade(
          "no answer from " + redacted(properties.redisUrl()) + " within " + STARTUP_CONNECT);
    }
    return limiter;
  }

  private static String redacted(String url) {
    return url.replaceAll("//[^@/]*@", "//***@"); // never log a password
  }

  public RateLimitDecision tryConsume(Env env, TenantId tenant, RouteClass routeClass) {
    RateLimitPolicy policy = policies.policy(env, tenant, routeClass);
    String key =
        keyPrefix
            + env.value()
            + ':'
            + (tenant == null ? NO_TENANT : tenant.value())
            + ':'
            + routeClass.id()
            + ':'
            + policy;
    BucketConfiguration configuration =
        configurations.computeIfAbsent(policy, Buckets::configuration);
    if (redis != null) {
      ConsumptionProbe shared = tryRedis(key, configuration);
      if (shared != null) {
        return decision(shared, routeClass, policy, true);
      }
    }
    return decision(local.tryConsume(key, configuration), routeClass, policy, false);
  }

  /** True while Redis is configured but unreachable and this replica counts locally. */
  public boolean degraded() {
    return degraded.get();
  }

  /** True when buckets are meant to be shared (Redis configured). */
  public boolean shared() {
    return redis != null;
  }

  private ConsumptionProbe tryRedis(String key, BucketConfiguration configuration) {
    boolean probe = false;
    if (degraded.get()) {
      if (nanoTime.getAsLong() - retryRedisAt < 0 || !probing.compareAndSet(false, true)) {
        return null;
      }
      probe = true;
    }
    try {
      ConsumptionProbe answer = redis.tryConsume(key, configuration);
      if (degraded.compareAndSet(true, false)) {
        log.info("Redis reachable again: rate-limit buckets are shared across replicas again");
      }
      return answer;
    } catch (IllegalArgumentException e) {
      throw e; // a bucket shape the shared buckets refuse: a bug, not an outage to hide
    } catch (RuntimeException e) {
      degrade(e.toString());
      return null;
    } finally {
      if (probe) {
        probing.set(false);
      }
    }
  }

  private void degrade(String why) {
    retryRedisAt = nanoTime.getAsLong() + degradedRetryNanos;
    if (degraded.compareAndSet(false, true)) {
      log.warn(
          "Redis unreachable ({}): rate limits fall back to this replica's local buckets,"
              + " retrying Redis every {} ms",
          why,
          degradedRetryNanos / 1_000_000);
    }
  }

  private static RateLimitDecision decision(
      ConsumptionProbe probe, RouteClass routeClass, RateLimitPolicy policy, boolean shared) {
    return new RateLimitDecision(
        probe.isConsumed(),
        routeClass,
        policy,
        probe.getRemainingTokens(),
        probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(),
        probe.getNanosToWaitForReset(),
        shared);
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
