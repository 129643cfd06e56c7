package dev.warden.engines.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The nightly quota reconciliation, bound from {@code warden.reconcile.*} (WARDEN_RECONCILE_*, see
 * docs/operations.md).
 *
 * @param cron five-field cron in UTC for the Schedule (WARDEN_RECONCILE_CRON)
 * @param mode {@code sweep} (one listing of tenants/ summed per tenant) or {@code per-tenant}
 * @param pageSize keys per listing page
 * @param tenantsPerPage tenants corrected per activity call
 */
@ConfigurationProperties(prefix = "warden.reconcile")
public record ReconcileProperties(
    @DefaultValue("0 2 * * *") String cron,
    @DefaultValue("10m") Duration jitter,
    @DefaultValue("6h") Duration catchupWindow,
    @DefaultValue("true") boolean scheduleEnabled,
    @DefaultValue("sweep") String mode,
    @DefaultValue("1000") int pageSize,
    @DefaultValue("200") int tenantsPerPage) {

  public ReconcileProperties {
    if (!"sweep".equals(mode) && !"per-tenant".equals(mode)) {
      throw new IllegalArgumentException(
          "WARDEN_RECONCILE_MODE must be sweep or per-tenant, was '" + mode + "'");
    }
  }
}
