package dev.warden.engines.logarchive;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.logarchive.ArchiveIndex.ArchiveObject;
import dev.warden.engines.logarchive.ArchiveIndex.Contents;
import dev.warden.engines.objects.StorageCursor;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Removes one tenant's lines from the mixed-tenant log archives {@code logs/{env}/…/*.jsonl.gz} and
 * deletes its own log objects under {@code logs/{env}/tenants/{tenantId}/}: which keys, in which
 * order, resuming where. Each archive is rewritten by {@link ArchiveRewriter} under its lock. On a
 * versioned bucket the own folder loses every version and delete marker, and every version of a
 * shared archive that holds the tenant's lines is removed; counts then cover every version.
 */
public class LogArchiveStore {

  static final String SUFFIX = ".jsonl.gz";

  private final ObjectMapper json;
  private final ArchiveKeys keys;
  private final ArchiveVersions versions;
  private final VersionedObjectStore folders;
  private final ArchiveRewriter rewriter;
  private final ArchiveIndex index;

  /** Archive locks within this process only, no archive index: tests and single-worker setups. */
  public LogArchiveStore(S3Client s3, String bucket, ObjectMapper json) {
    this(s3, bucket, json, ArchiveLocks.inProcess(), TenantObjectStore.MAX_BATCH);
  }

  /** Without an archive index: every archive is read (the full scan). */
  public LogArchiveStore(
      S3Client s3, String bucket, ObjectMapper json, ArchiveLocks locks, int listPage) {
    this(s3, bucket, json, locks, ArchiveIndex.none(), listPage);
  }

  /** {@code listPage}: keys per listing page (S3's maximum, 1,000, unless a test wants more). */
  public LogArchiveStore(
      S3Client s3,
      String bucket,
      ObjectMapper json,
      ArchiveLocks locks,
      ArchiveIndex index,
      int listPage) {
    this.json = json;
    this.index = index;
    this.keys = new ArchiveKeys(s3, bucket, listPage);
    this.versions = new ArchiveVersions(s3, bucket, listPage);
    this.folders = new VersionedObjectStore(s3, bucket);
    this.rewriter = new ArchiveRewriter(s3, bucket, versions, locks, index);
  }

  /** {@code logs/{env}/}: the trailing slash keeps {@code prod} away from {@code prod-eu}. */
  public static String envPrefix(Env env) {
    return "logs/" + env.value() + "/";
  }

  static String tenantFolder(Env env, TenantId tenant) {
    return envPrefix(env) + "tenants/" + tenant.value() + "/";
  }

  /**
   * Deletes the tenant's own log objects (every version on a versioned bucket), then rewrites every
   * shared archive after {@code from.lastKey()} in key order; the listener hears after each archive
   * and each batch of deletes, and {@link ArchiveListener#stillWorking} while one archive takes
   * long. The deletes need no resume position: a retry lists what is left.
   */
  public ArchiveCursor purge(
      TenantId tenant, Env env, ArchiveCursor from, ArchiveListener listener) {
    boolean versioned = folders.versioningEnabled();
    AtomicReference<ArchiveCursor> cursor = new AtomicReference<>(from);
    String own = tenantFolder(env, tenant);
    if (versioned) {
      ArchiveCursor base = from;
      folders.purgeAllVersions(
          own,
          StorageCursor.START,
          TenantObjectStore.MAX_BATCH,
          c -> {
            cursor.set(base.deleted(c.objects()));
            listener.afterArchive(cursor.get());
          });
    } else {
      keys.deleteFolder(own, n -> listener.afterArchive(cursor.updateAndGet(c -> c.deleted(n))));
    }
    ArchiveFilter filter = new ArchiveFilter(json, tenant);
    Runnable tick = () -> listener.stillWorking(cursor.get());
    keys.sharedArchives(
        env,
        from.lastKey(),
        versioned,
        page -> {
          Map<ArchiveObject, Contents> known = index.lookup(objectsOf(page), tenant);
          boolean passed = false; // archives passed unread since the listener last heard
          for (ArchiveKeys.Listed archive : page) {
            Contents clean = lacking(archive, known, filter);
            if (clean != null) {
              cursor.set(cursor.get().skipped(archive.key(), clean.unattributable()));
              passed = true;
              continue;
            }
            cursor.set(rewriter.rewrite(filter, archive.key(), versioned, cursor.get(), tick));
            listener.afterArchive(cursor.get());
            passed = false;
          }
          if (passed) {
            listener.afterArchive(cursor.get());
          }
        });
    return cursor.get();
  }

  private static List<ArchiveObject> objectsOf(List<ArchiveKeys.Listed> page) {
    List<ArchiveObject> objects = new ArrayList<>();
    for (ArchiveKeys.Listed archive : page) {
      for (ArchiveVersions.Version v : archive.versions()) {
        if (!v.marker()) {
          objects.add(v.object());
        }
      }
    }
    return objects;
  }

  /**
   * The current object's contents when the index knows that no object of this archive holds the
   * tenant (every version, on a versioned bucket, and the listing saw them all); else null: read.
   */
  private static Contents lacking(
      ArchiveKeys.Listed archive, Map<ArchiveObject, Contents> known, ArchiveFilter filter) {
    if (!archive.complete()) {
      return null;
    }
    Contents current = new Contents(Set.of(), 0);
    for (ArchiveVersions.Version v : archive.versions()) {
      if (v.marker()) {
        continue;
      }
      Contents c = ArchiveRewriter.lacking(known, v, filter);
      if (c == null) {
        return null;
      }
      if (v.latest()) {
        current = c;
      }
    }
    return current;
  }

  /**
   * The tenant's lines left in the shared archives, counted afresh (verification, dry runs): in
   * every version of every archive on a versioned bucket, in the current ones otherwise.
   */
  public long countLines(TenantId tenant, Env env) {
    return count(tenant, env).lines();
  }

  /** What {@link #count} found: the tenant's lines, and how many archive objects it read. */
  public record LineCount(long lines, long archivesRead) {}

  /** {@link #countLines}, also saying how many archive objects had to be read to know. */
  public LineCount count(TenantId tenant, Env env) {
    ArchiveFilter filter = new ArchiveFilter(json, tenant);
    long[] lines = {0, 0};
    boolean versioned = folders.versioningEnabled();
    Consumer<List<ArchiveVersions.Version>> countPage =
        page -> {
          Map<ArchiveObject, Contents> known =
              index.lookup(page.stream().map(ArchiveVersions.Version::object).toList(), tenant);
          for (ArchiveVersions.Version v : page) {
            if (ArchiveRewriter.lacking(known, v, filter) == null) {
              lines[1]++;
              lines[0] += rewriter.count(filter, v.key(), v.versionId(), () -> {});
            }
          }
        };
    if (versioned) {
      List<ArchiveVersions.Version> page = new ArrayList<>();
      versions.each(
          envPrefix(env),
          v -> {
            if (!v.marker() && ArchiveKeys.isSharedArchive(env, v.key())) {
              page.add(v);
            }
            if (page.size() >= TenantObjectStore.MAX_BATCH) {
              countPage.accept(List.copyOf(page));
              page.clear();
            }
          });
      countPage.accept(page);
    } else {
      keys.sharedArchives(env, null, false, page -> countPage.accept(objectVersions(page)));
    }
    return new LineCount(lines[0], lines[1]);
  }

  private static List<ArchiveVersions.Version> objectVersions(List<ArchiveKeys.Listed> page) {
    return page.stream().flatMap(a -> a.versions().stream()).filter(v -> !v.marker()).toList();
  }

  /** Objects (every version and delete marker, on a versioned bucket) in the tenant's folder. */
  public long countTenantObjects(TenantId tenant, Env env) {
    String own = tenantFolder(env, tenant);
    return folders.versioningEnabled() ? folders.countVersions(own) : keys.count(own);
  }
}
