package dev.warden.api.quota;

import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaLimits;
import dev.warden.engines.quota.TenantQuota;
import dev.warden.engines.ratelimit.RateLimitPolicy;
import dev.warden.engines.ratelimit.RateLimitProperties;
import dev.warden.engines.ratelimit.RouteClass;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' view and change of a tenant's quotas. A change and its {@code QUOTA_LIMITS_CHANGED}
 * event (actor, reason, before and after) commit in one transaction: no change without its record.
 */
@Service
public class QuotaAdmin {

  static final int MAX_REASON = 500;

  /** 1 PiB: anything above is a typo, not a plan. */
  static final long MAX_STORAGE_BYTES = 1L << 50;

  static final long MAX_INDEX_OPS_PER_DAY = 1_000_000_000L;

  private final QuotaLedger ledger;
  private final DatasetEventStore events;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final RateLimitProperties rateDefaults;

  QuotaAdmin(
      RateLimitProperties rateDefaults,
      QuotaLedger ledger,
      DatasetEventStore events,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.rateDefaults = rateDefaults;
    this.ledger = ledger;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  public QuotaViews.QuotaView view(TenantId tenant, Env env) {
    TenantQuota row = ledger.get(tenant, env);
    Map<String, QuotaViews.RateView> rates = new TreeMap<>();
    rateDefaults
        .defaults()
        .forEach(
            (routeClass, policy) -> {
              String own = row.rateLimits().get(routeClass.id());
              rates.put(
                  routeClass.id(),
                  own == null
                      ? new QuotaViews.RateView(policy.toString(), "default")
                      : new QuotaViews.RateView(own, "tenant"));
            });
    return QuotaViews.QuotaView.of(row, ledger.defaults(), rates, clock.instant());
  }

  QuotaViews.QuotaView change(
      TenantId tenant, Env env, QuotaViews.ChangeLimits body, RequestContext context) {
    QuotaLimits limits = validate(body);
    tx.executeWithoutResult(
        status -> {
          TenantQuota before =
              ledger.setLimits(tenant, env, limits, context.actor(), body.reason());
          Map<String, String> attributes = new LinkedHashMap<>();
          attributes.put("reason", body.reason());
          attributes.put("storageBytesBefore", String.valueOf(before.storageBytesLimit()));
          attributes.put("storageBytes", String.valueOf(limits.storageBytes()));
          attributes.put("indexOpsPerDayBefore", String.valueOf(before.indexOpsPerDayLimit()));
          attributes.put("indexOpsPerDay", String.valueOf(limits.indexOpsPerDay()));
          attributes.put("rateLimitsBefore", new TreeMap<>(before.rateLimits()).toString());
          attributes.put("rateLimits", new TreeMap<>(limits.rateLimits()).toString());
          events.append(
              new DatasetEvent(
                  UUID.randomUUID(),
                  DatasetEventType.QUOTA_LIMITS_CHANGED,
                  tenant.value(),
                  env.value(),
                  context.actor(),
                  context.traceId(),
                  clock.instant(),
                  attributes));
        });
    return view(tenant, env);
  }

  private static QuotaLimits validate(QuotaViews.ChangeLimits body) {
    if (body == null) {
      throw new IllegalArgumentException(
          "a JSON body with storageBytes, indexOpsPerDay, rateLimits and reason is required");
    }
    if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
      throw new IllegalArgumentException(
          "reason is required, at most " + MAX_REASON + " characters");
    }
    within("storageBytes", body.storageBytes(), MAX_STORAGE_BYTES);
    within("indexOpsPerDay", body.indexOpsPerDay(), MAX_INDEX_OPS_PER_DAY);
    Map<String, String> rates = body.rateLimits() == null ? Map.of() : body.rateLimits();
    Map<String, String> canonical = new TreeMap<>();
    rates.forEach(
        (routeClass, rate) -> {
          try {
            RouteClass.of(routeClass);
            canonical.put(routeClass, RateLimitPolicy.parse(rate).toString());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rateLimits." + routeClass + ": " + e.getMessage());
          }
        });
    return new QuotaLimits(body.storageBytes(), body.indexOpsPerDay(), canonical);
  }

  private static void within(String field, Long value, long max) {
    if (value != null && (value < 0 || value > max)) {
      throw new IllegalArgumentException(
          "%s must be between 0 and %d, or null for the default; was %d"
              .formatted(field, max, value));
    }
  }
}
