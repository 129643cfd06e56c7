package dev.warden.engines.ratelimit;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force for a tenant's route class: the tenant's override from the quota ledger, else
 * the deployment default. Overrides are read at most once per {@code ttl} per tenant and replica,
 * so a changed override takes effect everywhere within {@code ttl}. An override that cannot be read
 * or parsed falls back to the default (logged): a rate limit never turns a request into a 500.
 */
public final class RateLimitPolicies {

  /** Where the per-tenant overrides live ({@code QuotaLedger::rateLimits}). */
  @FunctionalInterface
  public interface Overrides {
    Map<String, String> load(TenantId tenant, Env env);
  }

  private static final Logger log = LoggerFactory.getLogger(RateLimitPolicies.class);
  private static final int MAX_CACHED_TENANTS = 50_000;

  private record Key(TenantId tenant, Env env) {}

  private record Cached(Map<RouteClass, RateLimitPolicy> policies, long loadedAt) {}

  private final Map<RouteClass, RateLimitPolicy> defaults;
  private final Overrides overrides;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

  public RateLimitPolicies(
      Map<RouteClass, RateLimitPolicy> defaults,
      Overrides overrides,
      Duration ttl,
      LongSupplier nanoTime) {
    this.defaults = new EnumMap<>(defaults);
    this.overrides = overrides;
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  public RateLimitPolicy defaultPolicy(RouteClass routeClass) {
    return defaults.get(routeClass);
  }

  /** The policy for {@code tenant} (null: a route without a tenant gets the default). */
  public RateLimitPolicy policy(Env env, TenantId tenant, RouteClass routeClass) {
    if (tenant == null) {
      return defaults.get(routeClass);
    }
    Key key = new Key(tenant, env);
    long now = nanoTime.getAsLong();
    Cached cached = cache.get(key);
    if (cached == null || now - cached.loadedAt() >= ttlNanos) {
      cached = new Cached(load(tenant, env, cached), now);
      if (cache.size() >= MAX_CACHED_TENANTS) {
        cache.clear(); // bounded memory; the cost is one ledger read per tenant
      }
      cache.put(key, cached);
    }
    return cached.policies().getOrDefault(routeClass, defaults.get(routeClass));
  }

  private Map<RouteClass, RateLimitPolicy> load(TenantId tenant, Env env, Cached previous) {
    Map<String, String> raw;
    try {
      raw = overrides.load(tenant, env);
    } catch (RuntimeException e) {
      log.warn(
          "rate-limit overrides of {} in {} unreadable, keeping {}: {}",
          tenant,
          env,
          previous == null ? "the defaults" : "the last known ones",
          e.toString());
      return previous == null ? Map.of() : previous.policies();
    }
    Map<RouteClass, RateLimitPolicy> out = new EnumMap<>(RouteClass.class);
    raw.forEach(
        (routeClass, policy) -> {
          try {
            out.put(RouteClass.of(routeClass), RateLimitPolicy.parse(policy));
          } catch (IllegalArgumentException e) {
            log.warn(
                "ignoring stored rate-limit override {}={} of {} in {}: {}",
                routeClass,
                policy,
                tenant,
                env,
                e.getMessage());
          }
        });
    return out;
  }
}
