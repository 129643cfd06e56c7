package dev.warden.engines.logarchive;

import dev.warden.engines.logarchive.ArchiveVersions.Version;
import dev.warden.engines.s3.ObjectDeletionException;
import dev.warden.engines.tenant.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Which log keys there are: shared archives in key order, the tenant's own folder. */
final class ArchiveKeys {

  private final S3Client s3;
  private final String bucket;
  private final int pageSize;

  ArchiveKeys(S3Client s3, String bucket, int pageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.pageSize = pageSize;
  }

  // Other tenants' folders hold only their own logs; anything not .jsonl.gz is not an archive.
  static boolean isSharedArchive(Env env, String key) {
    String logs = LogArchiveStore.envPrefix(env);
    return key.startsWith(logs)
        && !key.startsWith(logs + "tenants/")
        && key.endsWith(LogArchiveStore.SUFFIX);
  }

  /**
   * One shared archive as listed: its objects (one current object on an unversioned bucket, every
   * version and delete marker on a versioned one); {@code complete} is false when the listing may
   * have cut its versions short (more versions of one key than a listing page holds).
   */
  record Listed(String key, List<Version> versions, boolean complete) {}

  /**
   * Calls {@code eachPage} with every shared archive after {@code after}, in key order, a listing
   * page at a time. Versioned: keys come from the version listing, so an archive whose current
   * version is a delete marker (or that has earlier versions only) is visited too; a key is handed
   * out only once the listing has moved past it, and the next page starts after the last key handed
   * out, so changing that key's versions never disturbs the listing.
   */
  void sharedArchives(Env env, String after, boolean versioned, Consumer<List<Listed>> eachPage) {
    String prefix = LogArchiveStore.envPrefix(env);
    String last = after;
    while (true) {
      TreeMap<String, List<Version>> page = new TreeMap<>();
      boolean more;
      boolean cut = false;
      if (versioned) {
        String marker = last;
        ListObjectVersionsResponse r =
            s3.listObjectVersions(
                l -> l.bucket(bucket).prefix(prefix).maxKeys(pageSize).keyMarker(marker));
        r.versions()
            .forEach(
                v ->
                    page.computeIfAbsent(v.key(), k -> new ArrayList<>())
                        .add(new Version(v.key(), v.versionId(), v.isLatest(), false, v.eTag())));
        r.deleteMarkers()
            .forEach(
                m ->
                    page.computeIfAbsent(m.key(), k -> new ArrayList<>())
                        .add(new Version(m.key(), m.versionId(), m.isLatest(), true, null)));
        more = Boolean.TRUE.equals(r.isTruncated());
        if (more && page.size() > 1) {
          page.remove(page.lastKey()); // may continue on the next page
        } else if (more) {
          cut = true; // one key with more versions than a page: the rest come next page
        }
      } else {
        for (S3Object o : list(prefix, last)) {
          page.put(o.key(), List.of(new Version(o.key(), null, true, false, o.eTag())));
        }
        more = !page.isEmpty();
      }
      if (page.isEmpty()) {
        return;
      }
      List<Listed> archives = new ArrayList<>();
      boolean complete = !cut;
      page.forEach(
          (key, versions) -> {
            if (isSharedArchive(env, key)) {
              archives.add(new Listed(key, versions, complete));
            }
          });
      if (!archives.isEmpty()) {
        eachPage.accept(archives);
      }
      last = page.lastKey();
      if (!more) {
        return;
      }
    }
  }

  /** Deletes every current object in {@code folder}, a page at a time; {@code deleted}: count. */
  void deleteFolder(String folder, LongConsumer deleted) {
    String done = null; // a store that still lists deleted keys must not make this loop
    for (List<S3Object> page; !(page = list(folder, done)).isEmpty(); ) {
      done = page.get(page.size() - 1).key();
      List<ObjectIdentifier> ids =
          page.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
      var response =
          s3.deleteObjects(
              d -> d.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
      List<ObjectDeletionException.KeyError> errors = new ArrayList<>();
      response
          .errors()
          .forEach(
              e ->
                  errors.add(new ObjectDeletionException.KeyError(e.key(), e.code(), e.message())));
      deleted.accept(page.size() - errors.size());
      if (!errors.isEmpty()) {
        throw new ObjectDeletionException(errors);
      }
    }
  }

  long count(String folder) {
    long n = 0;
    String after = null;
    for (List<S3Object> page; !(page = list(folder, after)).isEmpty(); ) {
      n += page.size();
      after = page.get(page.size() - 1).key();
    }
    return n;
  }

  /** Up to a page of keys under {@code prefix} after {@code startAfter}, in key order. */
  private List<S3Object> list(String prefix, String startAfter) {
    return s3.listObjectsV2(
            l -> l.bucket(bucket).prefix(prefix).maxKeys(pageSize).startAfter(startAfter))
        .contents();
  }
}
