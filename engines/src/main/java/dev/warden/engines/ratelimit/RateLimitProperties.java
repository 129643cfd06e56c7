package dev.warden.engines.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the gated routes, bound from {@code warden.rate-limit.*} ({@code
 * WARDEN_RATE_LIMIT_*}, {@code WARDEN_REDIS_*}; all in docs/operations.md).
 *
 * @param upload default policy of {@code upload} (and likewise for each route class)
 * @param redisUrl {@code redis://host:port}: buckets shared by every replica; blank: in memory
 * @param keyPrefix prefix of every Redis key, so deployments (or test runs) can share a Redis
 * @param redisTimeout connect and command timeout towards Redis; a slower Redis counts as down
 * @param degradedRetry after a Redis failure, how long the replica stays on local buckets before it
 *     tries Redis again
 * @param overrideCache how long a replica keeps a tenant's overrides before reading them again: the
 *     bound on how late a changed override takes effect (at most 5 s)
 */
@ConfigurationProperties(prefix = "warden.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("600/1m") String upload,
    @DefaultValue("1200/1m") String index,
    @DefaultValue("600/1m") String search,
    @DefaultValue("60/1m") String pack,
    @DefaultValue("10/1m") String purge,
    @DefaultValue("") String redisUrl,
    @DefaultValue("warden:rate:") String keyPrefix,
    @DefaultValue("200ms") Duration redisTimeout,
    @DefaultValue("2s") Duration degradedRetry,
    @DefaultValue("5s") Duration overrideCache) {

  static final Duration MAX_OVERRIDE_CACHE = Duration.ofSeconds(5);

  public RateLimitProperties {
    if (overrideCache.isNegative() || overrideCache.compareTo(MAX_OVERRIDE_CACHE) > 0) {
      throw new IllegalArgumentException(
          "warden.rate-limit.override-cache must be between 0 and 5s, was " + overrideCache);
    }
    if (redisTimeout.isNegative() || redisTimeout.isZero()) {
      throw new IllegalArgumentException("warden.rate-limit.redis-timeout must be positive");
    }
    if (degradedRetry.isNegative()) {
      throw new IllegalArgumentException("warden.rate-limit.degraded-retry must not be negative");
    }
    defaults(upload, index, search, pack, purge); // a bad default stops the app at startup
  }

  /** The default policy of every route class. */
  public Map<RouteClass, RateLimitPolicy> defaults() {
    return defaults(upload, index, search, pack, purge);
  }

  public boolean shared() {
    return redisUrl != null && !redisUrl.isBlank();
  }

  private static Map<RouteClass, RateLimitPolicy> defaults(
      String upload, String index, String search, String pack, String purge) {
    Map<RouteClass, RateLimitPolicy> out = new EnumMap<>(RouteClass.class);
    out.put(RouteClass.UPLOAD, parse("upload", upload));
    out.put(RouteClass.INDEX, parse("index", index));
    out.put(RouteClass.SEARCH, parse("search", search));
    out.put(RouteClass.PACK, parse("pack", pack));
    out.put(RouteClass.PURGE, parse("purge", purge));
    return out;
  }

  private static RateLimitPolicy parse(String routeClass, String value) {
    try {
      return RateLimitPolicy.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("warden.rate-limit." + routeClass + ": " + e.getMessage());
    }
  }
}
