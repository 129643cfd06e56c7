package dev.warden.api.quota;

import dev.warden.api.json.MultiLine;
import dev.warden.engines.quota.QuotaDefaults;
import dev.warden.engines.quota.TenantQuota;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** The quota admin API's bodies and answers. */
public final class QuotaViews {

  private QuotaViews() {}

  /**
   * New limits for a tenant: null means the deployment default, a route class left out of {@code
   * rateLimits} too. Unknown members are refused (the API's Jackson fails on them), so a typo never
   * silently resets a limit.
   */
  record ChangeLimits(
      Long storageBytes,
      Long indexOpsPerDay,
      Map<String, String> rateLimits,
      @MultiLine String reason) {}

  /** Storage: the limit and where it comes from, bytes used, reserved and still free. */
  public record StorageView(
      long limitBytes,
      String limitSource,
      long usedBytes,
      long reservedBytes,
      long availableBytes,
      long objects) {}

  /** A route class's rate limit ({@code capacity/period}) and whether it is the tenant's own. */
  public record RateView(String policy, String source) {}

  /** Indexing ops of the current UTC day. */
  public record IndexOpsView(
      long limitPerDay, String limitSource, long usedToday, LocalDate day, Instant resetsAt) {}

  /** A tenant's quotas as operators and the tenant see them. */
  public record QuotaView(
      String tenantId,
      String env,
      StorageView storage,
      IndexOpsView indexOps,
      Map<String, RateView> rateLimits,
      Long indexDocuments,
      Instant lastReconciledAt,
      Long lastDriftBytes,
      String lastReconciliationId,
      String limitsChangedBy,
      Instant limitsChangedAt,
      String limitsReason) {

    static QuotaView of(
        TenantQuota q, QuotaDefaults defaults, Map<String, RateView> rateLimits, Instant now) {
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      long storageLimit = q.storageLimit(defaults);
      return new QuotaView(
          q.tenantId(),
          q.env(),
          new StorageView(
              storageLimit,
              q.storageBytesLimit() == null ? "default" : "tenant",
              q.storageBytesUsed(),
              q.storageBytesReserved(),
              Math.max(0, storageLimit - q.storageBytesUsed() - q.storageBytesReserved()),
              q.storageObjects()),
          new IndexOpsView(
              q.indexOpsLimit(defaults),
              q.indexOpsPerDayLimit() == null ? "default" : "tenant",
              q.indexOpsOn(today),
              today,
              today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
          rateLimits,
          q.indexDocuments(),
          q.lastReconciledAt(),
          q.lastDriftBytes(),
          q.lastReconciliationId(),
          q.limitsChangedBy(),
          q.limitsChangedAt(),
          q.limitsReason());
    }
  }
}
