package dev.warden.engines.reconcile;

import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Measures tenants' storage for the quota reconciliation, read-only: one listing of {@code
 * tenants/} summed per tenant (the sweep), or one tenant's folder. Objects modified at or after the
 * cutoff, and current objects under an open reservation's key, are left out (see
 * LedgerCorrections).
 */
public class UsageSweep {

  private static final Pattern TENANT = Pattern.compile(TenantId.RULE);

  /** Called after every page with the tenants the page completed; false stops the sweep there. */
  @FunctionalInterface
  public interface Pages {
    boolean afterPage(List<TenantUsage> completed, SweepCursor cursor);
  }

  private final S3Client s3;
  private final String bucket;

  public UsageSweep(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public boolean versioned() {
    BucketVersioningStatus status = s3.getBucketVersioning(g -> g.bucket(bucket)).status();
    return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
  }

  /** Lists from {@code from} to the end of its prefix or until {@code pages} says stop. */
  public SweepCursor sweep(
      SweepCursor from,
      Instant cutoff,
      Set<String> openKeys,
      int pageSize,
      boolean versioned,
      Pages pages) {
    SweepCursor cursor = from;
    int size = Math.min(Math.max(pageSize, 1), TenantObjectStore.MAX_BATCH);
    while (!cursor.done()) {
      List<TenantUsage> completed = new ArrayList<>();
      TenantUsage current = cursor.current();
      long listed = cursor.listed();
      String keyMarker;
      String versionMarker = null;
      boolean truncated;
      if (versioned) {
        SweepCursor c = cursor;
        ListObjectVersionsResponse page =
            s3.listObjectVersions(
                l ->
                    l.bucket(bucket)
                        .prefix(c.prefix())
                        .maxKeys(size)
                        .keyMarker(c.keyMarker())
                        .versionIdMarker(c.versionIdMarker()));
        for (ObjectVersion v : page.versions()) {
          listed++;
          current =
              add(
                  current,
                  completed,
                  v.key(),
                  Boolean.TRUE.equals(v.isLatest()),
                  v.size(),
                  v.lastModified(),
                  cutoff,
                  openKeys);
        }
        keyMarker = page.nextKeyMarker();
        versionMarker = page.nextVersionIdMarker();
        truncated = Boolean.TRUE.equals(page.isTruncated());
      } else {
        SweepCursor c = cursor;
        ListObjectsV2Response page =
            s3.listObjectsV2(
                l -> l.bucket(bucket).prefix(c.prefix()).maxKeys(size).startAfter(c.keyMarker()));
        keyMarker = cursor.keyMarker();
        for (S3Object o : page.contents()) {
          listed++;
          keyMarker = o.key();
          current =
              add(current, completed, o.key(), true, o.size(), o.lastModified(), cutoff, openKeys);
        }
        truncated = Boolean.TRUE.equals(page.isTruncated()) && !page.contents().isEmpty();
      }
      if (!truncated && current != null) {
        completed.add(current);
        current = null;
      }
      cursor =
          new SweepCursor(
              cursor.prefix(),
              keyMarker,
              versionMarker,
              current,
              listed,
              cursor.pages() + 1,
              !truncated);
      if (!pages.afterPage(completed, cursor)) {
        return cursor;
      }
    }
    return cursor;
  }

  private static TenantUsage add(
      TenantUsage current,
      List<TenantUsage> completed,
      String key,
      boolean latest,
      Long size,
      Instant modified,
      Instant cutoff,
      Set<String> openKeys) {
    String tenant = tenantOf(key);
    if (tenant == null) {
      return current; // e.g. tenants/acme.txt: not inside a tenant's folder
    }
    if (current == null || !current.tenantId().equals(tenant)) {
      if (current != null) {
        completed.add(current);
      }
      current = TenantUsage.none(tenant);
    }
    boolean newerThanSnapshot = modified != null && !modified.isBefore(cutoff);
    boolean reserved = latest && openKeys.contains(key);
    if (newerThanSnapshot || reserved) {
      return current;
    }
    return current.plus(latest, size == null ? 0 : size);
  }

  /** The tenant of {@code tenants/{id}/...}, or null for any other key. */
  static String tenantOf(String key) {
    if (!key.startsWith(TenantPrefix.ROOT)) {
      return null;
    }
    int slash = key.indexOf('/', TenantPrefix.ROOT.length());
    if (slash < 0) {
      return null;
    }
    String id = key.substring(TenantPrefix.ROOT.length(), slash);
    return TENANT.matcher(id).matches() ? id : null;
  }

  /** Tenant folders under {@code tenants/} (a delimiter listing: one entry per tenant). */
  public List<String> tenantFolders() {
    List<String> tenants = new ArrayList<>();
    for (ListObjectsV2Response page :
        s3.listObjectsV2Paginator(
            l -> l.bucket(bucket).prefix(TenantPrefix.ROOT).delimiter("/").maxKeys(1000))) {
      for (CommonPrefix p : page.commonPrefixes()) {
        String tenant = tenantOf(p.prefix());
        if (tenant != null) {
          tenants.add(tenant);
        }
      }
    }
    return tenants;
  }

  /** True when at least one object lies under the tenant's folder. */
  public boolean holdsAny(TenantId tenant) {
    String prefix = new TenantPrefix(tenant).value();
    return !s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix).maxKeys(1)).contents().isEmpty();
  }

  /** The size of the object at {@code key} (its current version), or empty when there is none. */
  public Optional<Long> size(String key) {
    try {
      return Optional.of(s3.headObject(h -> h.bucket(bucket).key(key)).contentLength());
    } catch (NoSuchKeyException absent) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
