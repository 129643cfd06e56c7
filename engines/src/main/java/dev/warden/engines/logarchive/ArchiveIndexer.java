package dev.warden.engines.logarchive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.logarchive.ArchiveIndex.ArchiveObject;
import dev.warden.engines.logarchive.ArchiveIndex.Contents;
import dev.warden.engines.logarchive.ArchiveVersions.Version;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.tenant.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Keeps the {@link ArchiveIndex} current and proves it right. {@link #scan} reads every archive
 * object of an env the index does not know at its current ETag (and version) and records its
 * tenants; {@link #audit} reads every archive object, compares what it holds with the index and
 * reports and repairs every row that was wrong. Both work a listing page at a time and record each
 * object as soon as it is read, so a run that stops resumes where it was on the next run (the index
 * is its own progress) and running one twice changes nothing.
 */
public class ArchiveIndexer {

  private static final Logger log = LoggerFactory.getLogger(ArchiveIndexer.class);

  /** What one run did: objects listed, read, written to the index, and rows found wrong. */
  public record Report(long objects, long read, long indexed, long mismatches) {}

  /** A row the audit found wrong: what it said, what the archive holds. */
  public record Mismatch(ArchiveObject object, Set<String> indexed, Set<String> actual) {}

  private final S3Client s3;
  private final String bucket;
  private final ArchiveIndex index;
  private final ArchiveFilter reader;
  private final ArchiveKeys keys;
  private final ArchiveVersions versions;
  private final VersionedObjectStore folders;

  public ArchiveIndexer(
      S3Client s3, String bucket, ObjectMapper json, ArchiveIndex index, int listPage) {
    this.s3 = s3;
    this.bucket = bucket;
    this.index = index;
    this.reader = new ArchiveFilter(json, null);
    this.keys = new ArchiveKeys(s3, bucket, listPage);
    this.versions = new ArchiveVersions(s3, bucket, listPage);
    this.folders = new VersionedObjectStore(s3, bucket);
  }

  /** Indexes the archive objects of {@code env} the index does not know; {@code tick}: alive. */
  public Report scan(Env env, Runnable tick) {
    long[] n = new long[3];
    Instant start = index.now();
    eachPage(
        env,
        page -> {
          index.seen(page.stream().map(ArchiveObject::key).toList());
          Map<ArchiveObject, Contents> known = index.lookup(page);
          for (ArchiveObject o : page) {
            n[0]++;
            if (!known.containsKey(o) && read(o, tick) != null) {
              n[1]++;
              n[2]++;
            }
          }
          tick.run();
        });
    forgetUnseen(env, start);
    return new Report(n[0], n[1], n[2], 0);
  }

  /**
   * Reads every archive object of {@code env} and compares it with the index: a row with the same
   * ETag but other contents is a mismatch (handed to {@code mismatches}, then corrected); a missing
   * or outdated row is simply written.
   */
  public Report audit(Env env, Runnable tick, Consumer<Mismatch> mismatches) {
    long[] n = new long[4];
    Instant start = index.now();
    eachPage(
        env,
        page -> {
          index.seen(page.stream().map(ArchiveObject::key).toList());
          Map<ArchiveObject, Contents> known = index.lookup(page);
          for (ArchiveObject listed : page) {
            n[0]++;
            Read actual = read(listed, tick);
            if (actual == null) {
              continue; // deleted since the listing
            }
            n[1]++;
            n[2]++;
            Contents indexed = known.get(actual.object());
            if (indexed != null && !indexed.equals(actual.contents())) {
              n[3]++;
              Mismatch m =
                  new Mismatch(actual.object(), indexed.tenants(), actual.contents().tenants());
              log.warn(
                  "archive index was wrong about {} (version '{}', ETag {}): said {}, holds {}",
                  m.object().key(),
                  m.object().versionId(),
                  m.object().etag(),
                  m.indexed(),
                  m.actual());
              mismatches.accept(m);
            }
          }
          tick.run();
        });
    forgetUnseen(env, start);
    return new Report(n[0], n[1], n[2], n[3]);
  }

  // Rows of archives the listing no longer shows (deleted ones): a forgotten row
  // only means a read, and a row seen since the start (a purge's rewrite) is kept.
  private void forgetUnseen(Env env, Instant start) {
    int gone = index.forgetUnseen(LogArchiveStore.envPrefix(env), start);
    if (gone > 0) {
      log.info("archive index of {}: forgot {} row(s) of objects no longer listed", env, gone);
    }
  }

  private record Read(ArchiveObject object, Contents contents) {}

  /** Reads one object in full and records it; null when it is gone. */
  private Read read(ArchiveObject o, Runnable tick) {
    String versionId = o.versionId().isEmpty() ? null : o.versionId();
    Set<String> owners = new HashSet<>();
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(g -> g.bucket(bucket).key(o.key()).versionId(versionId))) {
      ArchiveFilter.Result result = reader.filter(in, null, o.key(), tick, owners);
      Read read =
          new Read(
              new ArchiveObject(o.key(), o.versionId(), in.response().eTag()),
              new Contents(owners, result.unattributable()));
      index.record(read.object(), read.contents());
      return read;
    } catch (NoSuchKeyException gone) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + o.key(), e);
    }
  }

  private void eachPage(Env env, Consumer<List<ArchiveObject>> each) {
    if (folders.versioningEnabled()) {
      List<ArchiveObject> page = new ArrayList<>();
      versions.each(
          LogArchiveStore.envPrefix(env),
          v -> {
            if (!v.marker() && ArchiveKeys.isSharedArchive(env, v.key())) {
              page.add(v.object());
            }
            if (page.size() >= TenantObjectStore.MAX_BATCH) {
              each.accept(List.copyOf(page));
              page.clear();
            }
          });
      if (!page.isEmpty()) {
        each.accept(page);
      }
    } else {
      keys.sharedArchives(
          env,
          null,
          false,
          listed ->
              each.accept(
                  listed.stream()
                      .flatMap(a -> a.versions().stream())
                      .map(Version::object)
                      .toList()));
    }
  }
}
