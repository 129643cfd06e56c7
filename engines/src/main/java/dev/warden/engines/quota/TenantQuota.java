package dev.warden.engines.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One tenant's ledger row in one environment. Limits are null where the deployment default applies;
 * {@code rateLimits} maps a route class to its override ({@code "100/1m"}).
 */
public record TenantQuota(
    String tenantId,
    String env,
    Long storageBytesLimit,
    Long indexOpsPerDayLimit,
    Map<String, String> rateLimits,
    long storageBytesUsed,
    long storageObjects,
    long storageBytesReserved,
    LocalDate indexOpsDay,
    long indexOpsUsed,
    Long indexDocuments,
    Instant lastReconciledAt,
    Long lastDriftBytes,
    String lastReconciliationId,
    String limitsChangedBy,
    Instant limitsChangedAt,
    String limitsReason) {

  public TenantQuota {
    rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
  }

  /** A tenant the ledger has never seen: nothing used, every limit the default. */
  public static TenantQuota empty(String tenantId, String env) {
    return new TenantQuota(
        tenantId, env, null, null, Map.of(), 0, 0, 0, null, 0, null, null, null, null, null, null,
        null);
  }

  public long storageLimit(QuotaDefaults defaults) {
    return storageBytesLimit != null ? storageBytesLimit : defaults.storageBytes();
  }

  public long indexOpsLimit(QuotaDefaults defaults) {
    return indexOpsPerDayLimit != null ? indexOpsPerDayLimit : defaults.indexOpsPerDay();
  }

  /** Ops used on {@code day}: the stored counter belongs to another day once the day turned. */
  public long indexOpsOn(LocalDate day) {
    return day.equals(indexOpsDay) ? indexOpsUsed : 0;
  }
}
