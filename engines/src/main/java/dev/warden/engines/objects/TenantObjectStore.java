package dev.warden.engines.objects;

import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.s3.ObjectDeletionException;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes and measures a tenant's current objects under {@code tenants/{id}/} ({@link
 * VersionedObjectStore} deletes every version on a versioned bucket, {@link LogArchiveStore} the
 * tenant's log folder); everything above it speaks TenantId.
 */
public class TenantObjectStore {

  /** S3 caps DeleteObjects at 1,000 keys. */
  public static final int MAX_BATCH = 1000;

  /**
   * How long one DeleteObjects call may take, retries included: after it, the call has returned or
   * failed on the client. A lane that takes over from a dead or stalled attempt waits this long
   * after that attempt's last pending page ({@link ShardPurge}).
   */
  // A DeleteObjects of 1,000 keys takes well under a second on S3; 30 s covers the SDK's retries
  // and a loaded local store, and bounds how long a takeover waits.
  public static final Duration DELETE_CALL_TIMEOUT = Duration.ofSeconds(30);

  private final S3Client s3;
  private final String bucket;
  private final Duration deleteTimeout;

  public TenantObjectStore(S3Client s3, String bucket) {
    this(s3, bucket, DELETE_CALL_TIMEOUT);
  }

  /** {@code deleteTimeout}: the API call timeout of each DeleteObjects call. */
  public TenantObjectStore(S3Client s3, String bucket, Duration deleteTimeout) {
    this.s3 = s3;
    this.bucket = bucket;
    this.deleteTimeout = deleteTimeout;
  }

  /** The API call timeout of each DeleteObjects call. */
  public Duration deleteTimeout() {
    return deleteTimeout;
  }

  public String bucket() {
    return bucket;
  }

  /**
   * The tenant's prefix split into up to {@code maxShards} key ranges ({@link KeyRangePlanner}).
   */
  public List<KeyRange> ranges(TenantId tenant, int maxShards) {
    return ranges(tenant, maxShards, () -> {});
  }

  /** As above, calling {@code afterListing} after every listing page (e.g. to heartbeat). */
  public List<KeyRange> ranges(TenantId tenant, int maxShards, Runnable afterListing) {
    return new KeyRangePlanner(s3, bucket).plan(tenant, maxShards, afterListing);
  }

  /**
   * True when the tenant's objects fit in one listing page of {@value #MAX_BATCH} (the listing is
   * not truncated): one activity can purge them without fanning out.
   */
  public boolean fitsOnePage(TenantId tenant) {
    return !Boolean.TRUE.equals(
        list(new TenantPrefix(tenant).value(), null, MAX_BATCH).isTruncated());
  }

  /** The whole prefix, one batch at a time, nobody journalling: the {@code purge} below. */
  public StorageCursor purge(
      TenantId tenant, StorageCursor from, int pageSize, PageListener pages) {
    return purge(tenant, KeyRange.ALL, from, pageSize, 1, PageJournal.NONE, pages);
  }

  /**
   * Deletes every object under the tenant's prefix in rounds, starting after {@code from}: a round
   * lists up to {@code concurrency} pages of {@code pageSize} keys and deletes them with as many
   * DeleteObjects calls in parallel, then reports the cursor. Listing resumes after the last key of
   * each round, so refused keys cannot loop forever; a round with refusals reports what did go and
   * throws, its cursor still at the round's start so a retry lists the refused keys again.
   *
   * <p>{@code range}: one shard of the prefix ({@link KeyRange#ALL} for all of it); listing starts
   * after its lower bound (or the cursor, when it resumes further on) and stops at its upper bound.
   * {@code journal} hears of every round before its DeleteObjects calls and, with what went, after
   * them ({@link PageJournal#NONE}: nobody).
   */
  public StorageCursor purge(
      TenantId tenant,
      KeyRange range,
      StorageCursor from,
      int pageSize,
      int concurrency,
      PageJournal journal,
      PageListener pages) {
    TenantPrefix prefix = new TenantPrefix(tenant);
    requireWithin(prefix, range);
    int size = Math.min(Math.max(pageSize, 1), MAX_BATCH);
    int lanes = Math.max(1, concurrency);
    ExecutorService pool = lanes == 1 ? null : Executors.newFixedThreadPool(lanes);
    try {
      StorageCursor cursor = from;
      String after = from.lastKey() != null ? from.lastKey() : range.after();
      while (true) {
        Round round = listRound(prefix, range, after, size, lanes);
        if (round.batches().isEmpty()) {
          return cursor;
        }
        List<S3Object> objects = round.batches().stream().flatMap(List::stream).toList();
        objects.forEach(o -> requireOwned(prefix, o.key()));
        String roundEnd = objects.get(objects.size() - 1).key();
        journal.beforeDelete(PendingPage.of(roundEnd, objects.size(), sizeOf(objects)));
        List<ObjectDeletionException.KeyError> refused = deleteBatches(round.batches(), pool);
        if (!refused.isEmpty()) {
          // Count what did go, but keep the cursor at the round's start so a retry lists the
          // refused keys again (the deleted ones are gone by then, so nothing is counted twice).
          Set<String> refusedKeys = new HashSet<>();
          refused.forEach(e -> refusedKeys.add(e.key()));
          List<S3Object> gone =
              objects.stream().filter(o -> !refusedKeys.contains(o.key())).toList();
          StorageCursor went = cursor.advance(cursor.lastKey(), gone.size(), sizeOf(gone));
          journal.afterDelete(went);
          pages.afterPage(went);
          throw new ObjectDeletionException(refused);
        }
        cursor = cursor.advance(roundEnd, objects.size(), sizeOf(objects));
        after = cursor.lastKey();
        journal.afterDelete(cursor);
        pages.afterPage(cursor);
        if (!round.more()) {
          return cursor;
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private record Round(List<List<S3Object>> batches, boolean more) {}

  private Round listRound(TenantPrefix prefix, KeyRange range, String after, int size, int lanes) {
    List<List<S3Object>> batches = new ArrayList<>();
    String start = after;
    boolean more = true;
    String listing = range.listingPrefix(prefix.value());
    while (batches.size() < lanes && more) {
      ListObjectsV2Response page = list(listing, start, size);
      List<S3Object> inRange =
          page.contents().stream().filter(o -> range.contains(o.key())).toList();
      boolean pastEnd = page.contents().stream().anyMatch(o -> range.beyond(o.key()));
      if (!inRange.isEmpty()) {
        batches.add(inRange);
        start = inRange.get(inRange.size() - 1).key();
      }
      more = Boolean.TRUE.equals(page.isTruncated()) && !pastEnd && !inRange.isEmpty();
    }
    return new Round(batches, more);
  }

  private List<ObjectDeletionException.KeyError> deleteBatches(
      List<List<S3Object>> batches, ExecutorService pool) {
    List<ObjectDeletionException.KeyError> refused = new ArrayList<>();
    if (pool == null || batches.size() == 1) {
      batches.forEach(b -> refused.addAll(deleteAll(b.stream().map(S3Object::key).toList())));
      return refused;
    }
    List<Future<List<ObjectDeletionException.KeyError>>> calls = new ArrayList<>();
    for (List<S3Object> batch : batches) {
      calls.add(pool.submit(() -> deleteAll(batch.stream().map(S3Object::key).toList())));
    }
    for (Future<List<ObjectDeletionException.KeyError>> call : calls) {
      try {
        refused.addAll(call.get());
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(failed.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while deleting", interrupted);
      }
    }
    return refused;
  }

  /**
   * Counts the tenant's keys in {@code range} after {@code after} (the range's start when null) up
   * to and including {@code upTo}, with a fresh listing.
   */
  public Usage present(TenantId tenant, KeyRange range, String after, String upTo) {
    TenantPrefix prefix = new TenantPrefix(tenant);
    requireWithin(prefix, range);
    String listing = range.listingPrefix(prefix.value());
    long count = 0;
    long bytes = 0;
    String start = after != null ? after : range.after();
    while (true) {
      ListObjectsV2Response page = list(listing, start, MAX_BATCH);
      for (S3Object o : page.contents()) {
        if (KeyRange.compare(o.key(), upTo) > 0 || range.beyond(o.key())) {
          return new Usage(count, bytes);
        }
        if (range.contains(o.key()) && (start == null || KeyRange.compare(o.key(), start) > 0)) {
          count++;
          bytes += o.size();
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.contents().isEmpty()) {
        return new Usage(count, bytes);
      }
      start = page.contents().get(page.contents().size() - 1).key();
    }
  }

  /** Counts what is left under the tenant's prefix with a fresh listing. */
  public Usage measure(TenantId tenant) {
    TenantPrefix prefix = new TenantPrefix(tenant);
    long count = 0;
    long bytes = 0;
    String after = null;
    ListObjectsV2Response page;
    do {
      page = list(prefix.value(), after, MAX_BATCH);
      for (S3Object o : page.contents()) {
        count++;
        bytes += o.size();
        after = o.key();
      }
    } while (Boolean.TRUE.equals(page.isTruncated()) && !page.contents().isEmpty());
    return new Usage(count, bytes);
  }

  /** Object count and bytes of one tenant. */
  public record Usage(long objects, long bytes) {}

  private ListObjectsV2Response list(String prefix, String startAfter, int size) {
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).maxKeys(size);
    if (startAfter != null) {
      request.startAfter(startAfter);
    }
    return s3.listObjectsV2(request.build());
  }

  private static long sizeOf(List<S3Object> objects) {
    return objects.stream().mapToLong(S3Object::size).sum();
  }

  private List<ObjectDeletionException.KeyError> deleteAll(List<String> keys) {
    List<ObjectIdentifier> ids =
        keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    DeleteObjectsResponse response =
        s3.deleteObjects(
            b ->
                b.bucket(bucket)
                    .delete(Delete.builder().objects(ids).quiet(true).build())
                    .overrideConfiguration(c -> c.apiCallTimeout(deleteTimeout)));
    List<ObjectDeletionException.KeyError> errors = new ArrayList<>();
    if (response.hasErrors()) {
      response
          .errors()
          .forEach(
              e ->
                  errors.add(new ObjectDeletionException.KeyError(e.key(), e.code(), e.message())));
    }
    return errors;
  }

  // A shard's bounds come from workflow history: they must lie inside the tenant's folder.
  private static void requireWithin(TenantPrefix prefix, KeyRange range) {
    for (String bound : new String[] {range.after(), range.upTo()}) {
      if (bound != null && !prefix.owns(bound)) {
        throw new IllegalArgumentException(
            "key range " + range + " reaches outside " + prefix.value() + "; refusing");
      }
    }
  }

  // Defence in depth: a store that answers outside the prefix must never make us delete it.
  private static void requireOwned(TenantPrefix prefix, String key) {
    if (!prefix.owns(key)) {
      throw new IllegalStateException(
          "listing for "
              + prefix.value()
              + " returned foreign key "
              + key
              + "; refusing to delete");
    }
  }
}
