package dev.warden.engines.reconcile;

/**
 * Where a usage sweep stands: the listing markers, the tenant being summed when the page ended (its
 * keys may go on in the next page) and running counts. Heartbeated after every page, so a retried
 * sweep resumes here with nothing counted twice.
 *
 * @param prefix what is listed: {@code tenants/} (every tenant) or one tenant's folder
 * @param versionIdMarker set on versioned buckets only
 */
public record SweepCursor(
    String prefix,
    String keyMarker,
    String versionIdMarker,
    TenantUsage current,
    long listed,
    int pages,
    boolean done) {

  public static SweepCursor start(String prefix) {
    return new SweepCursor(prefix, null, null, null, 0, 0, false);
  }
}
