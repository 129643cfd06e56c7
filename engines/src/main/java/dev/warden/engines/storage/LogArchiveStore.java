package dev.warden.engines.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

  /** Archive locks within this process only: tests and single-worker setups. */
  public LogArchiveStore(S3Client s3, String bucket, ObjectMapper json) {
    this(s3, bucket, json, ArchiveLocks.inProcess(), TenantObjectStore.MAX_BATCH);
  }

  /** {@code listPage}: keys per listing page (S3's maximum, 1,000, unless a test wants more). */
  public LogArchiveStore(
      S3Client s3, String bucket, ObjectMapper json, ArchiveLocks locks, int listPage) {
    this.json = json;
    this.keys = new ArchiveKeys(s3, bucket, listPage);
    this.versions = new ArchiveVersions(s3, bucket, listPage);
    this.folders = new VersionedObjectStore(s3, bucket);
    this.rewriter = new ArchiveRewriter(s3, bucket, versions, locks);
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
        key -> {
          cursor.set(rewriter.rewrite(filter, key, versioned, cursor.get(), tick));
          listener.afterArchive(cursor.get());
        });
    return cursor.get();
  }

  /**
   * The tenant's lines left in the shared archives, counted afresh (verification, dry runs): in
   * every version of every archive on a versioned bucket, in the current ones otherwise.
   */
  public long countLines(TenantId tenant, Env env) {
    ArchiveFilter filter = new ArchiveFilter(json, tenant);
    long[] lines = {0};
    if (folders.versioningEnabled()) {
      List<ArchiveVersions.Version> all = new ArrayList<>();
      versions.each(
          envPrefix(env),
          v -> {
            if (!v.marker() && ArchiveKeys.isSharedArchive(env, v.key())) {
              all.add(v);
            }
          });
      all.forEach(v -> lines[0] += rewriter.count(filter, v.key(), v.versionId(), () -> {}));
    } else {
      keys.sharedArchives(
          env, null, false, key -> lines[0] += rewriter.count(filter, key, null, () -> {}));
    }
    return lines[0];
  }

  /** Objects (every version and delete marker, on a versioned bucket) in the tenant's folder. */
  public long countTenantObjects(TenantId tenant, Env env) {
    String own = tenantFolder(env, tenant);
    return folders.versioningEnabled() ? folders.countVersions(own) : keys.count(own);
  }
}
