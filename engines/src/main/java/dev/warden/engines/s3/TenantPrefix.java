package dev.warden.engines.s3;

import dev.warden.engines.tenant.TenantId;

/**
 * The key prefix that holds one tenant's objects. It always ends with {@code /}: without it a purge
 * of {@code acme} would also match {@code tenants/acme-eu/...} and {@code tenants/acme.txt}.
 */
public record TenantPrefix(TenantId tenant) {

  public static final String ROOT = "tenants/";

  public String value() {
    return ROOT + tenant.value() + "/";
  }

  /** True for keys inside the tenant's folder, including a folder marker object equal to it. */
  public boolean owns(String key) {
    return key != null && key.startsWith(value());
  }
}
