package dev.warden.engines.quota;

/**
 * The limits of a tenant whose ledger row names none ({@code WARDEN_QUOTA_STORAGE_BYTES}, {@code
 * WARDEN_QUOTA_INDEX_OPS_PER_DAY}).
 */
public record QuotaDefaults(long storageBytes, long indexOpsPerDay) {

  public QuotaDefaults {
    if (storageBytes < 0 || indexOpsPerDay < 0) {
      throw new IllegalArgumentException(
          "quota defaults must be >= 0, were %d bytes and %d ops/day"
              .formatted(storageBytes, indexOpsPerDay));
    }
  }
}
