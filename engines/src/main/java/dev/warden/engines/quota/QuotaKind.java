package dev.warden.engines.quota;

/** The quotas a tenant has; {@link #id()} is how problems, events and the admin API name them. */
public enum QuotaKind {
  /** Capacity: bytes stored plus bytes reserved by presigned uploads. */
  STORAGE_BYTES("storage-bytes"),
  /** Window: document writes per UTC day. */
  INDEX_OPS_PER_DAY("index-ops-per-day");

  private final String id;

  QuotaKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
