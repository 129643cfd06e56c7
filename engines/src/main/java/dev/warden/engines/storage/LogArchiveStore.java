package dev.warden.engines.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes one tenant's lines from the mixed-tenant log archives {@code logs/{env}/…/*.jsonl.gz} and
 * deletes its own log objects under {@code logs/{env}/tenants/{tenantId}/}.
 *
 * <p>An archive is rewritten into a local temp file and then PUT over its own key. A single PUT is
 * atomic (readers see the old or the new archive, never half of one), so no temporary object is
 * ever created in the bucket and none can be left behind by a crash: crashing before the PUT leaves
 * the original, which the next run rewrites again; crashing after it leaves an archive without the
 * tenant's lines, which the next run reads, finds nothing to remove in, and leaves alone. Archives
 * are assumed immutable once written (log shippers write new objects).
 */
public class LogArchiveStore {

  static final String SUFFIX = ".jsonl.gz";

  private final S3Client s3;
  private final String bucket;
  private final ObjectMapper json;

  public LogArchiveStore(S3Client s3, String bucket, ObjectMapper json) {
    this.s3 = s3;
    this.bucket = bucket;
    this.json = json;
  }

  /** {@code logs/{env}/}: the trailing slash keeps {@code prod} away from {@code prod-eu}. */
  public static String envPrefix(Env env) {
    return "logs/" + env.value() + "/";
  }

  static String tenantFolder(Env env, TenantId tenant) {
    return envPrefix(env) + "tenants/" + tenant.value() + "/";
  }

  /**
   * Deletes the tenant's own log objects, then rewrites every shared archive after {@code
   * from.lastKey()} in key order; the listener hears after each archive and each batch of deletes.
   * The deletes need no resume position: a retry lists what is left, which is exactly what still
   * needs deleting.
   */
  public ArchiveCursor purge(
      TenantId tenant, Env env, ArchiveCursor from, ArchiveListener listener) {
    ArchiveCursor cursor = from;
    String own = tenantFolder(env, tenant);
    String done = null; // a store that still lists deleted keys must not make this loop
    for (List<S3Object> page; !(page = list(own, done)).isEmpty(); done = last(page)) {
      List<ObjectDeletionException.KeyError> refused = deleteAll(page);
      cursor = cursor.deleted(page.size() - refused.size());
      listener.afterArchive(cursor);
      if (!refused.isEmpty()) {
        throw new ObjectDeletionException(refused);
      }
    }
    ArchiveFilter filter = new ArchiveFilter(json, tenant);
    String after = from.lastKey();
    for (List<S3Object> page; !(page = list(envPrefix(env), after)).isEmpty(); after = last(page)) {
      for (S3Object archive : page) {
        if (isSharedArchive(env, archive.key())) {
          cursor = rewrite(filter, archive.key(), cursor);
          listener.afterArchive(cursor);
        }
      }
    }
    return cursor;
  }

  /** The tenant's lines left in the shared archives, counted afresh (verification, dry runs). */
  public long countLines(TenantId tenant, Env env) {
    ArchiveFilter filter = new ArchiveFilter(json, tenant);
    long lines = 0;
    String after = null;
    for (List<S3Object> page; !(page = list(envPrefix(env), after)).isEmpty(); after = last(page)) {
      for (S3Object archive : page) {
        if (isSharedArchive(env, archive.key())) {
          lines += read(filter, archive.key(), null).linesRemoved();
        }
      }
    }
    return lines;
  }

  /** Objects left under the tenant's own log folder (verification). */
  public long countTenantObjects(TenantId tenant, Env env) {
    long objects = 0;
    String after = null;
    String own = tenantFolder(env, tenant);
    for (List<S3Object> page; !(page = list(own, after)).isEmpty(); after = last(page)) {
      objects += page.size();
    }
    return objects;
  }

  /**
   * On a versioned bucket the overwritten archive survives as a noncurrent version, the tenant's
   * lines still in it: every version of the key but the rewritten one is deleted. (This also drops
   * the other tenants' history of that archive; erasure leaves no other way.)
   */
  private void dropEarlierVersions(String key, String keep) {
    if (keep == null || keep.isEmpty() || "null".equals(keep)) {
      return; // not versioned
    }
    List<ObjectIdentifier> earlier = new ArrayList<>();
    ListObjectVersionsResponse versions = s3.listObjectVersions(l -> l.bucket(bucket).prefix(key));
    versions.versions().stream()
        .filter(v -> v.key().equals(key) && !keep.equals(v.versionId()))
        .forEach(
            v -> earlier.add(ObjectIdentifier.builder().key(key).versionId(v.versionId()).build()));
    versions.deleteMarkers().stream()
        .filter(m -> m.key().equals(key))
        .forEach(
            m -> earlier.add(ObjectIdentifier.builder().key(key).versionId(m.versionId()).build()));
    if (earlier.isEmpty()) {
      return;
    }
    DeleteObjectsResponse response =
        s3.deleteObjects(d -> d.bucket(bucket).delete(b -> b.objects(earlier).quiet(true)));
    if (response.hasErrors() && !response.errors().isEmpty()) {
      List<ObjectDeletionException.KeyError> errors = new ArrayList<>();
      response
          .errors()
          .forEach(
              e ->
                  errors.add(
                      new ObjectDeletionException.KeyError(
                          e.key() + "@" + e.versionId(), e.code(), e.message())));
      throw new ObjectDeletionException(errors);
    }
  }

  // Other tenants' folders hold only their own logs; anything not .jsonl.gz is not an archive.
  private static boolean isSharedArchive(Env env, String key) {
    return key.startsWith(envPrefix(env))
        && !key.startsWith(envPrefix(env) + "tenants/")
        && key.endsWith(SUFFIX);
  }

  private ArchiveCursor rewrite(ArchiveFilter filter, String key, ArchiveCursor cursor) {
    Path temp = null;
    try {
      temp = Files.createTempFile("warden-archive-", SUFFIX);
      ArchiveFilter.Result result;
      GetObjectResponse original;
      try (OutputStream out = Files.newOutputStream(temp)) {
        ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(bucket).key(key));
        original = in.response();
        result = read(filter, key, in, out);
      }
      if (result.linesRemoved() == 0) {
        return cursor.scanned(key, result, false); // untouched: no PUT, same object, same ETag
      }
      PutObjectResponse rewritten =
          s3.putObject(
              p ->
                  p.bucket(bucket)
                      .key(key)
                      .contentType(original.contentType())
                      .contentEncoding(original.contentEncoding())
                      .metadata(original.metadata()),
              RequestBody.fromFile(temp));
      dropEarlierVersions(key, rewritten.versionId());
      return cursor.scanned(key, result, true);
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private ArchiveFilter.Result read(ArchiveFilter filter, String key, OutputStream out) {
    return read(filter, key, s3.getObject(g -> g.bucket(bucket).key(key)), out);
  }

  private static ArchiveFilter.Result read(
      ArchiveFilter filter,
      String key,
      ResponseInputStream<GetObjectResponse> in,
      OutputStream out) {
    try (in) {
      return filter.filter(in, out, key);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key, e);
    }
  }

  /** Up to 1,000 keys under {@code prefix} after {@code startAfter}, in key order. */
  private List<S3Object> list(String prefix, String startAfter) {
    return s3.listObjectsV2(
            l -> l.bucket(bucket).prefix(prefix).maxKeys(1000).startAfter(startAfter))
        .contents();
  }

  private static String last(List<S3Object> page) {
    return page.get(page.size() - 1).key();
  }

  private List<ObjectDeletionException.KeyError> deleteAll(List<S3Object> objects) {
    List<ObjectIdentifier> ids =
        objects.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
    DeleteObjectsResponse response =
        s3.deleteObjects(
            d -> d.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
    List<ObjectDeletionException.KeyError> errors = new ArrayList<>();
    response
        .errors()
        .forEach(
            e -> errors.add(new ObjectDeletionException.KeyError(e.key(), e.code(), e.message())));
    return errors;
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a stray file in java.io.tmpdir holds no more than the archive it came from
      }
    }
  }
}
