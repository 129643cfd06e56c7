package dev.warden.engines.quota;

import java.time.Instant;

/**
 * A request would take a tenant over one of its quotas; nothing was consumed. Carries the figures a
 * client needs: the limit, what is used and reserved, what was asked, and for a windowed quota when
 * the window resets.
 */
public class QuotaExceededException extends RuntimeException {

  private final QuotaKind quota;
  private final long limit;
  private final long used;
  private final long reserved;
  private final long requested;
  private final Instant resetsAt;

  public QuotaExceededException(
      QuotaKind quota, long limit, long used, long reserved, long requested, Instant resetsAt) {
    super(
        "%s quota exceeded: limit %d, used %d, reserved %d, requested %d"
            .formatted(quota.id(), limit, used, reserved, requested));
    this.quota = quota;
    this.limit = limit;
    this.used = used;
    this.reserved = reserved;
    this.requested = requested;
    this.resetsAt = resetsAt;
  }

  public QuotaKind quota() {
    return quota;
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used;
  }

  public long reserved() {
    return reserved;
  }

  public long requested() {
    return requested;
  }

  /** When a windowed quota starts afresh; null for a capacity quota. */
  public Instant resetsAt() {
    return resetsAt;
  }
}
