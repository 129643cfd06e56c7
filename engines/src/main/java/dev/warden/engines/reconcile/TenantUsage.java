package dev.warden.engines.reconcile;

/**
 * What one tenant stores, as a reconciliation measured it: current versions (every object of an
 * unversioned bucket) and, on a versioned bucket, noncurrent versions apart. The quota counts both.
 */
public record TenantUsage(
    String tenantId,
    long currentObjects,
    long currentBytes,
    long noncurrentObjects,
    long noncurrentBytes) {

  public static TenantUsage none(String tenantId) {
    return new TenantUsage(tenantId, 0, 0, 0, 0);
  }

  public long objects() {
    return currentObjects + noncurrentObjects;
  }

  public long bytes() {
    return currentBytes + noncurrentBytes;
  }

  public TenantUsage plus(boolean current, long size) {
    return current
        ? new TenantUsage(
            tenantId, currentObjects + 1, currentBytes + size, noncurrentObjects, noncurrentBytes)
        : new TenantUsage(
            tenantId, currentObjects, currentBytes, noncurrentObjects + 1, noncurrentBytes + size);
  }
}
