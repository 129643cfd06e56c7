package dev.warden.engines.ratelimit;

import dev.warden.engines.quota.QuotaLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter of the API's gates: defaults from {@code warden.rate-limit.*}, per-tenant
 * overrides from the quota ledger, buckets in Redis when {@code WARDEN_REDIS_URL} is set. Imported
 * by the API only (the worker serves no gated routes and needs no Redis).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

  @Bean
  RateLimitPolicies rateLimitPolicies(RateLimitProperties properties, QuotaLedger ledger) {
    return new RateLimitPolicies(
        properties.defaults(), ledger::rateLimits, properties.overrideCache(), System::nanoTime);
  }

  @Bean(destroyMethod = "close")
  RateLimiter rateLimiter(
      RateLimitPolicies policies,
      RateLimitProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    RateLimiter limiter = RateLimiter.of(policies, properties);
    meters.ifAvailable(
        registry ->
            Gauge.builder("warden.gate.degraded", limiter, l -> l.degraded() ? 1 : 0)
                .description("1 while Redis is unreachable and rate limits use local buckets")
                .register(registry));
    return limiter;
  }
}
