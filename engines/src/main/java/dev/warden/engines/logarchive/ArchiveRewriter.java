package dev.warden.engines.logarchive;

import dev.warden.engines.logarchive.ArchiveIndex.ArchiveObject;
import dev.warden.engines.logarchive.ArchiveIndex.Contents;
import dev.warden.engines.logarchive.ArchiveVersions.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Rewrites one mixed-tenant log archive without a tenant's lines, under the archive's lock.
 *
 * <p>The archive is rewritten into a local temp file and PUT over its own key, conditional on the
 * ETag that was read ({@code If-Match}): a write by anyone else in between makes the PUT fail (412)
 * and the archive is read again, so no rewrite can put back lines another purge removed. The lock
 * ({@link ArchiveLocks}) makes concurrent purges take turns instead of failing each other. A single
 * PUT is atomic and no temporary object is ever created in the bucket.
 *
 * <p>On a versioned bucket every version of the key listed before the read is examined: the one
 * that was rewritten and every earlier version that still holds the tenant's lines are deleted by
 * version id; versions written after the read are never touched. Delete markers hold no data.
 *
 * <p>Every object read in full is recorded in the {@link ArchiveIndex} (and every object written,
 * with the tenants it kept); a version the index knows to lack the tenant is not read at all.
 */
final class ArchiveRewriter {

  private static final int MAX_CONFLICTS = 5;

  private final S3Client s3;
  private final String bucket;
  private final ArchiveVersions versions;
  private final ArchiveLocks locks;
  private final ArchiveIndex index;

  ArchiveRewriter(
      S3Client s3,
      String bucket,
      ArchiveVersions versions,
      ArchiveLocks locks,
      ArchiveIndex index) {
    this.s3 = s3;
    this.bucket = bucket;
    this.versions = versions;
    this.locks = locks;
    this.index = index;
  }

  /** Rewrites {@code key}, then (versioned) cleans its earlier versions; {@code tick}: alive. */
  ArchiveCursor rewrite(
      ArchiveFilter filter, String key, boolean versioned, ArchiveCursor cursor, Runnable tick) {
    try (ArchiveLocks.Held lock = locks.lock(bucket + "/" + key, tick)) {
      Runnable alive =
          () -> {
            tick.run();
            lock.renew();
          };
      Reads reads = new Reads();
      ArchiveCursor done = rewriteLocked(filter, key, versioned, cursor, lock, alive, reads);
      return reads.any ? done.read() : done;
    }
  }

  private ArchiveCursor rewriteLocked(
      ArchiveFilter filter,
      String key,
      boolean versioned,
      ArchiveCursor cursor,
      ArchiveLocks.Held lock,
      Runnable alive,
      Reads reads) {
    for (int attempt = 1; ; attempt++) {
      List<Version> listed = versioned ? versions.of(key) : List.of();
      Map<ArchiveObject, Contents> known =
          index.lookup(listed.stream().filter(v -> !v.marker()).map(Version::object).toList());
      Version current = listed.stream().filter(Version::latest).findFirst().orElse(null);
      if (versioned && (current == null || current.marker())) {
        ArchiveCursor none = cursor.scanned(key, ArchiveFilter.Result.NONE, false);
        return cleanEarlier(filter, key, listed, known, null, false, none, alive, reads);
      }
      String readVersion = current == null ? null : current.versionId();
      Contents clean = current == null ? null : lacking(known, current, filter);
      if (clean != null) { // the index knows the current version lacks the tenant: no read
        ArchiveFilter.Result none = new ArchiveFilter.Result(0, 0, clean.unattributable());
        ArchiveCursor next = cursor.scanned(key, none, false);
        return cleanEarlier(filter, key, listed, known, readVersion, false, next, alive, reads);
      }
      reads.any = true;
      Written written = rewriteCurrent(filter, key, versioned, readVersion, lock, alive);
      if (written == null) {
        if (attempt >= MAX_CONFLICTS) {
          throw new IllegalStateException(key + " kept changing while it was rewritten");
        }
        continue; // someone wrote the archive after our read: read it again
      }
      ArchiveCursor next = cursor.scanned(key, written.result(), written.rewritten());
      return versioned
          ? cleanEarlier(
              filter, key, listed, known, readVersion, written.rewritten(), next, alive, reads)
          : next;
    }
  }

  /**
   * The filter's tenant's lines in one version of {@code key} (null: the current one); the object
   * read is recorded in the index.
   */
  long count(ArchiveFilter filter, String key, String versionId, Runnable tick) {
    try {
      ResponseInputStream<GetObjectResponse> in = get(key, versionId);
      Set<String> owners = new HashSet<>();
      ArchiveFilter.Result result = read(filter, key, in, null, tick, owners);
      index.record(
          new ArchiveObject(key, versionId, in.response().eTag()),
          new Contents(owners, result.unattributable()));
      return result.linesRemoved();
    } catch (NoSuchKeyException gone) {
      return 0;
    }
  }

  /** The index's contents of {@code v} when they say it lacks the filter's tenant, else null. */
  static Contents lacking(Map<ArchiveObject, Contents> known, Version v, ArchiveFilter filter) {
    Contents c = known.get(v.object());
    return c != null && c.lacks(filter.tenant()) ? c : null;
  }

  private static final class Reads {
    boolean any;
  }

  private record Written(ArchiveFilter.Result result, boolean rewritten) {}

  /** Null when the conditional PUT found the archive changed since it was read. */
  private Written rewriteCurrent(
      ArchiveFilter filter,
      String key,
      boolean versioned,
      String versionId,
      ArchiveLocks.Held lock,
      Runnable alive) {
    Path temp = null;
    try {
      temp = Files.createTempFile("warden-archive-", LogArchiveStore.SUFFIX);
      ArchiveFilter.Result result;
      GetObjectResponse original;
      Set<String> owners = new HashSet<>();
      try (OutputStream out = Files.newOutputStream(temp)) {
        ResponseInputStream<GetObjectResponse> in = get(key, versionId);
        original = in.response();
        result = read(filter, key, in, out, alive, owners);
      } catch (NoSuchKeyException gone) {
        return new Written(ArchiveFilter.Result.NONE, false);
      }
      if (result.linesRemoved() == 0) {
        index.record(
            new ArchiveObject(key, versioned ? versionId : null, original.eTag()),
            new Contents(owners, result.unattributable()));
        return new Written(result, false); // untouched: no PUT, same object, same ETag
      }
      lock.renew();
      Path body = temp;
      PutObjectResponse put =
          s3.putObject(
              p ->
                  p.bucket(bucket)
                      .key(key)
                      .ifMatch(original.eTag())
                      .contentType(original.contentType())
                      .contentEncoding(original.contentEncoding())
                      .metadata(original.metadata()),
              RequestBody.fromFile(body));
      owners.remove(filter.tenant().value());
      index.record(
          new ArchiveObject(key, versioned ? put.versionId() : null, put.eTag()),
          new Contents(owners, result.unattributable()));
      return new Written(result, true);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return null;
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("rewriting " + key, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  // Versions listed before the read only: anything newer was written after it and is not ours.
  private ArchiveCursor cleanEarlier(
      ArchiveFilter filter,
      String key,
      List<Version> listed,
      Map<ArchiveObject, Contents> known,
      String readVersion,
      boolean rewritten,
      ArchiveCursor cursor,
      Runnable alive,
      Reads reads) {
    List<Version> doomed = new ArrayList<>();
    for (Version v : listed) {
      if (v.marker()) {
        continue;
      }
      if (v.versionId().equals(readVersion)) {
        if (rewritten) {
          doomed.add(v);
        }
      } else if (lacking(known, v, filter) == null) {
        reads.any = true;
        if (count(filter, key, v.versionId(), alive) > 0) {
          doomed.add(v);
        }
      }
    }
    if (doomed.isEmpty()) {
      return cursor;
    }
    versions.delete(doomed);
    doomed.forEach(v -> index.forget(v.object()));
    return cursor.versionsDeleted(doomed.size());
  }

  private ResponseInputStream<GetObjectResponse> get(String key, String versionId) {
    return s3.getObject(g -> g.bucket(bucket).key(key).versionId(versionId));
  }

  private static ArchiveFilter.Result read(
      ArchiveFilter filter,
      String key,
      ResponseInputStream<GetObjectResponse> in,
      OutputStream out,
      Runnable tick,
      Set<String> owners) {
    try (in) {
      return filter.filter(in, out, key, tick, owners);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key, e);
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
