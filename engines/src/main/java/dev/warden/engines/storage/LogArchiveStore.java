package dev.warden.engines.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes one tenant's lines from the mixed-tenant log archives {@code logs/{env}/…/*.jsonl.gz} and
 * deletes its own log objects under {@code logs/{env}/tenants/{tenantId}/}: which keys, in which
 * order, resuming where. Each archive is rewritten by {@link ArchiveRewriter}.
 */
public class LogArchiveStore {

  static final String SUFFIX = ".jsonl.gz";

  private final S3Client s3;
  private final String bucket;
  private final ObjectMapper json;
  private final ArchiveRewriter rewriter;

  public LogArchiveStore(S3Client s3, String bucket, ObjectMapper json) {
    this.s3 = s3;
    this.bucket = bucket;
    this.json = json;
    this.rewriter = new ArchiveRewriter(s3, bucket);
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
          cursor = rewriter.rewrite(filter, archive.key(), cursor);
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
          lines += rewriter.count(filter, archive.key());
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

  // Other tenants' folders hold only their own logs; anything not .jsonl.gz is not an archive.
  private static boolean isSharedArchive(Env env, String key) {
    return key.startsWith(envPrefix(env))
        && !key.startsWith(envPrefix(env) + "tenants/")
        && key.endsWith(SUFFIX);
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
}
