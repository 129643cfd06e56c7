package dev.warden.engines.storage;

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
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Rewrites one mixed-tenant log archive without a tenant's lines.
 *
 * <p>The archive is rewritten into a local temp file and then PUT over its own key. A single PUT is
 * atomic (readers see the old or the new archive, never half of one), so no temporary object is
 * ever created in the bucket and none can be left behind by a crash: crashing before the PUT leaves
 * the original, which the next run rewrites again; crashing after it leaves an archive without the
 * tenant's lines, which the next run reads, finds nothing to remove in, and leaves alone. Archives
 * are assumed immutable once written (log shippers write new objects).
 */
final class ArchiveRewriter {

  private final S3Client s3;
  private final String bucket;

  ArchiveRewriter(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * Rewrites {@code key} without the filter's tenant; an archive without its lines is left alone.
   */
  ArchiveCursor rewrite(ArchiveFilter filter, String key, ArchiveCursor cursor) {
    Path temp = null;
    try {
      temp = Files.createTempFile("warden-archive-", LogArchiveStore.SUFFIX);
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

  /** The filter's tenant's lines in {@code key}, counted without writing anything. */
  long count(ArchiveFilter filter, String key) {
    return read(filter, key, s3.getObject(g -> g.bucket(bucket).key(key)), null).linesRemoved();
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
