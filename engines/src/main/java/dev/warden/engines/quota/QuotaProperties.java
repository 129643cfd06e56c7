package dev.warden.engines.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Default quotas, bound from {@code warden.quota.*} ({@code WARDEN_QUOTA_STORAGE_BYTES}, {@code
 * WARDEN_QUOTA_INDEX_OPS_PER_DAY}); a tenant's ledger row may name its own.
 */
@ConfigurationProperties(prefix = "warden.quota")
public record QuotaProperties(
    @DefaultValue("10737418240") long storageBytes, @DefaultValue("100000") long indexOpsPerDay) {

  public QuotaDefaults defaults() {
    return new QuotaDefaults(storageBytes, indexOpsPerDay);
  }
}
