package dev.warden.engines.objects;

import dev.warden.engines.s3.ObjectDeletionException;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Tenant purge for buckets that have (or had) versioning: a plain delete there only adds a delete
 * marker and keeps every earlier version, so this deletes each version and each delete marker by
 * version id.
 */
public class VersionedObjectStore {

  private final S3Client s3;
  private final String bucket;
  private final Duration deleteTimeout;

  public VersionedObjectStore(S3Client s3, String bucket) {
    this(s3, bucket, TenantObjectStore.DELETE_CALL_TIMEOUT);
  }

  /** {@code deleteTimeout}: the API call timeout of each DeleteObjects call. */
  public VersionedObjectStore(S3Client s3, String bucket, Duration deleteTimeout) {
    this.s3 = s3;
    this.bucket = bucket;
    this.deleteTimeout = deleteTimeout;
  }

  /** The API call timeout of each DeleteObjects call. */
  public Duration deleteTimeout() {
    return deleteTimeout;
  }

  /** True when versions may exist: Enabled, or Suspended (versions made before remain). */
  public boolean versioningEnabled() {
    BucketVersioningStatus status = s3.getBucketVersioning(g -> g.bucket(bucket)).status();
    return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
  }

  /**
   * Deletes every version and delete marker under the tenant's prefix, one listing page and one
   * DeleteObjects call at a time; bytes count versions (markers have none).
   *
   * <p>Every page is listed from the start of the prefix, without key or version-id markers: all it
   * listed before is deleted, so the head of the listing is exactly what is left, and a marker
   * would point at a version that no longer exists. A resumed purge therefore needs only {@code
   * from}'s counts (a page can end halfway through one key's versions, so no key would be a safe
   * resume point anyway), and nothing is counted twice. A page with refusals reports what did go,
   * then throws, so refused versions can never make this loop.
   */
  public StorageCursor purgeAllVersions(
      TenantId tenant, StorageCursor from, int pageSize, PageListener pages) {
    return purgeAllVersions(tenant, KeyRange.ALL, from, pageSize, PageJournal.NONE, pages);
  }

  /**
   * As above for the keys of one shard of the tenant's prefix ({@link KeyRange#ALL}: all of it):
   * every page is listed from the range's lower bound (key-marker), versions outside the range are
   * left alone, and the shard is done once the listing passes its upper bound. {@code journal}
   * hears of every page before its DeleteObjects call and, with what went, after it ({@link
   * PageJournal#NONE}: nobody).
   */
  public StorageCursor purgeAllVersions(
      TenantId tenant,
      KeyRange range,
      StorageCursor from,
      int pageSize,
      PageJournal journal,
      PageListener pages) {
    return purgeAllVersions(folderOf(tenant, range), range, from, pageSize, journal, pages);
  }

  private static String folderOf(TenantId tenant, KeyRange range) {
    String prefix = new TenantPrefix(tenant).value();
    for (String bound : new String[] {range.after(), range.upTo()}) {
      if (bound != null && !bound.startsWith(prefix)) {
        throw new IllegalArgumentException(
            "key range " + range + " reaches outside " + prefix + "; refusing");
      }
    }
    return prefix;
  }

  /** {@link #purgeAllVersions(TenantId, StorageCursor, int, PageListener)} under any folder. */
  public StorageCursor purgeAllVersions(
      String prefix, StorageCursor from, int pageSize, PageListener pages) {
    return purgeAllVersions(prefix, KeyRange.ALL, from, pageSize, PageJournal.NONE, pages);
  }

  private StorageCursor purgeAllVersions(
      String prefix,
      KeyRange range,
      StorageCursor from,
      int pageSize,
      PageJournal journal,
      PageListener pages) {
    requireFolder(prefix);
    int size = Math.min(Math.max(pageSize, 1), TenantObjectStore.MAX_BATCH);
    StorageCursor cursor = from;
    String keyMarker = range.after();
    String versionMarker = null;
    String listing = range.listingPrefix(prefix);
    while (true) {
      List<Version> listed = new ArrayList<>();
      ListObjectVersionsResponse page = list(listing, keyMarker, versionMarker, size, listed);
      List<Version> versions = listed.stream().filter(v -> range.contains(v.key())).toList();
      boolean last =
          !Boolean.TRUE.equals(page.isTruncated())
              || listed.stream().anyMatch(v -> range.beyond(v.key()));
      if (versions.isEmpty()) {
        if (last) {
          return cursor;
        }
        // Nothing of ours on this page (a store that lists the marker key itself): page on.
        if (page.nextKeyMarker() == null) {
          throw new IllegalStateException("truncated version listing without a next key marker");
        }
        keyMarker = page.nextKeyMarker();
        versionMarker = page.nextVersionIdMarker();
        continue;
      }
      versions.forEach(v -> requireOwned(prefix, v.key()));
      String lastKey = versions.stream().map(Version::key).max(KeyRange::compare).orElseThrow();
      journal.beforeDelete(
          new PendingPage(
              lastKey,
              versions.stream()
                  .filter(v -> v.key().equals(lastKey))
                  .map(Version::versionId)
                  .toList(),
              versions.size(),
              versions.stream().mapToLong(Version::size).sum()));
      List<S3Error> refused = deleteAll(versions);
      Set<Version> refusedVersions = new HashSet<>();
      refused.forEach(e -> refusedVersions.add(new Version(e.key(), e.versionId(), 0)));
      List<Version> gone =
          versions.stream().filter(v -> !refusedVersions.contains(v.withoutSize())).toList();
      cursor = cursor.advance(lastKey, gone.size(), gone.stream().mapToLong(Version::size).sum());
      journal.afterDelete(cursor);
      pages.afterPage(cursor);
      if (!refused.isEmpty()) {
        throw new ObjectDeletionException(
            refused.stream().map(VersionedObjectStore::keyError).toList());
      }
      if (last) {
        return cursor;
      }
      keyMarker = range.after(); // all listed before is deleted: the head is what is left
      versionMarker = null;
    }
  }

  /**
   * True when every version and delete marker under the tenant's prefix fits in one listing page of
   * {@value TenantObjectStore#MAX_BATCH} (the listing is not truncated): one activity can purge it
   * without fanning out.
   */
  public boolean fitsOnePage(TenantId tenant) {
    ListObjectVersionsResponse page =
        list(
            new TenantPrefix(tenant).value(),
            null,
            null,
            TenantObjectStore.MAX_BATCH,
            new ArrayList<>());
    return !Boolean.TRUE.equals(page.isTruncated());
  }

  /**
   * Counts the versions and delete markers in {@code range} that a page ending at {@code lastKey}
   * could hold, with a fresh listing from the range's start: every version of the keys before
   * {@code lastKey}, and those of {@code lastKey} whose ids are in {@code lastKeyVersions}.
   */
  public TenantObjectStore.Usage present(
      TenantId tenant, KeyRange range, String lastKey, Collection<String> lastKeyVersions) {
    String prefix = folderOf(tenant, range);
    Set<String> ids = new HashSet<>(lastKeyVersions);
    long count = 0;
    long bytes = 0;
    String keyMarker = range.after();
    String versionMarker = null;
    while (true) {
      List<Version> listed = new ArrayList<>();
      ListObjectVersionsResponse page =
          list(range.listingPrefix(prefix), keyMarker, versionMarker, MAX, listed);
      boolean past = false;
      for (Version v : listed) {
        int order = KeyRange.compare(v.key(), lastKey);
        past |= order > 0 || range.beyond(v.key());
        if (range.contains(v.key()) && (order < 0 || (order == 0 && ids.contains(v.versionId())))) {
          count++;
          bytes += v.size();
        }
      }
      if (past || !Boolean.TRUE.equals(page.isTruncated()) || page.nextKeyMarker() == null) {
        return new TenantObjectStore.Usage(count, bytes);
      }
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    }
  }

  private static final int MAX = TenantObjectStore.MAX_BATCH;

  /** Versions plus delete markers left under the tenant's prefix (verification: must be 0). */
  public long countVersions(TenantId tenant) {
    return countVersions(new TenantPrefix(tenant).value());
  }

  /** Versions plus delete markers left under {@code prefix}, a folder ending with '/'. */
  public long countVersions(String prefix) {
    requireFolder(prefix);
    long count = 0;
    String keyMarker = null;
    String versionMarker = null;
    ListObjectVersionsResponse page;
    do {
      List<Version> versions = new ArrayList<>();
      page = list(prefix, keyMarker, versionMarker, TenantObjectStore.MAX_BATCH, versions);
      count += versions.size();
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    } while (Boolean.TRUE.equals(page.isTruncated()));
    return count;
  }

  /** One version or delete marker ({@code size} 0). */
  private record Version(String key, String versionId, long size) {
    Version withoutSize() {
      return new Version(key, versionId, 0);
    }
  }

  private ListObjectVersionsResponse list(
      String prefix, String keyMarker, String versionMarker, int size, List<Version> out) {
    ListObjectVersionsResponse page =
        s3.listObjectVersions(
            l ->
                l.bucket(bucket)
                    .prefix(prefix)
                    .maxKeys(size)
                    .keyMarker(keyMarker)
                    .versionIdMarker(versionMarker));
    page.versions().forEach(v -> out.add(new Version(v.key(), v.versionId(), v.size())));
    page.deleteMarkers().forEach(m -> out.add(new Version(m.key(), m.versionId(), 0)));
    return page;
  }

  private List<S3Error> deleteAll(List<Version> versions) {
    List<ObjectIdentifier> ids =
        versions.stream()
            .map(v -> ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build())
            .toList();
    DeleteObjectsResponse response =
        s3.deleteObjects(
            d ->
                d.bucket(bucket)
                    .delete(Delete.builder().objects(ids).quiet(true).build())
                    .overrideConfiguration(c -> c.apiCallTimeout(deleteTimeout)));
    return response.errors().stream().filter(e -> !ALREADY_GONE.equals(e.code())).toList();
  }

  // A version that is no longer there is deleted, whoever removed it: AWS answers a delete of an
  // unknown version id as done, S3-compatible stores (S3Proxy) with NoSuchVersion. The SDK's own
  // retry of a DeleteObjects whose first try the store carried out meets exactly that, and the
  // version was listed under this purge's prefix, so it counts as this page's.
  private static final String ALREADY_GONE = "NoSuchVersion";

  // KeyError has no version field; the version id goes into the message.
  private static ObjectDeletionException.KeyError keyError(S3Error e) {
    return new ObjectDeletionException.KeyError(
        e.key(), e.code(), "version " + e.versionId() + ": " + e.message());
  }

  // Defence in depth: a store that answers outside the prefix must never make us delete it.
  private static void requireOwned(String prefix, String key) {
    if (key == null || !key.startsWith(prefix)) {
      throw new IllegalStateException(
          "version listing for " + prefix + " returned foreign key " + key + "; refusing");
    }
  }

  // Without the trailing slash, tenants/acme would also reach tenants/acme-eu.
  private static void requireFolder(String prefix) {
    if (prefix == null || !prefix.endsWith("/") || prefix.length() < 2) {
      throw new IllegalArgumentException("a version purge needs a folder ending in /: " + prefix);
    }
  }
}
