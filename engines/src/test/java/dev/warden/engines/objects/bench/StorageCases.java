package dev.warden.engines.objects.bench;

import dev.warden.engines.objects.KeyRange;
import dev.warden.engines.objects.PageJournal;
import dev.warden.engines.objects.StorageCursor;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The storage step against a raw AWS SDK v2 loop, on the same bucket and client: the tenant's
 * objects are seeded fresh for every case under {@code tenants/acme/}, beside as many objects of
 * the prefix neighbour {@code acme-eu}, which are counted after every case.
 */
public final class StorageCases implements AutoCloseable {

  public static final String WARDEN = "storage: Warden (TenantObjectStore.purge)";
  public static final String PEER = "storage: SDK ListObjectsV2 + DeleteObjects";

  /** The tenant every case purges; its prefix neighbour {@code acme-eu} must stay intact. */
  public static final TenantId TENANT = TenantId.of("acme");

  private static final String PREFIX = "tenants/acme/";
  private static final String NEIGHBOURS = "tenants/acme-eu/";

  private final S3Client s3;
  private final String bucket;
  private final int page;
  private final int concurrency;
  private final ExecutorService seeders = Executors.newFixedThreadPool(16);
  private int neighbours;

  public StorageCases(S3Client s3, String bucket, int page, int concurrency) {
    this.s3 = s3;
    this.bucket = bucket;
    this.page = page;
    this.concurrency = concurrency;
  }

  public void seedNeighbours(int count) throws Exception {
    seed(NEIGHBOURS, count);
    neighbours = count;
  }

  /** One case: deletes the tenant's objects, returns how many it counted. */
  @FunctionalInterface
  public interface Purge {
    long run() throws Exception;
  }

  /** Seeds the tenant's objects, times one case, checks what went: objects/s, or empty. */
  public OptionalDouble measure(String name, int objects, boolean print) throws Exception {
    return measure(name, objects, print, name.equals(WARDEN) ? this::warden : this::peer);
  }

  /**
   * As above for a case of the caller's (e.g. a whole purge through the API): {@code purge} deletes
   * tenant {@link #TENANT}'s objects and returns how many it counted.
   */
  public OptionalDouble measure(String name, int objects, boolean print, Purge purge)
      throws Exception {
    seed(PREFIX, objects);
    long start = System.nanoTime();
    long deleted = purge.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long left = count(PREFIX);
    long others = count(NEIGHBOURS);
    if (deleted != objects || left != 0 || others != neighbours) {
      throw new IllegalStateException(
          "%s: deleted %d of %d, left %d, neighbours %d of %d"
              .formatted(name, deleted, objects, left, others, neighbours));
    }
    if (print) {
      System.out.printf(
          "%-45s %,d objects in %.2f s: %,.0f objects/s, neighbours intact (%,d)%n",
          name, deleted, seconds, deleted / seconds, others);
    }
    return OptionalDouble.of(deleted / seconds);
  }

  /** What the STORAGE activity runs on an unversioned bucket, with the worker's settings. */
  private long warden() {
    return new TenantObjectStore(s3, bucket)
        .purge(
            TENANT,
            KeyRange.ALL,
            StorageCursor.START,
            page,
            concurrency,
            PageJournal.NONE,
            cursor -> {})
        .objects();
  }

  /**
   * A careful hand-written loop: list a page, hand its DeleteObjects to a pool, list the next page
   * meanwhile; at most {@code concurrency} DeleteObjects in flight.
   */
  public long peer() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Integer>> inFlight = new ArrayList<>();
      long deleted = 0;
      String token = null;
      do {
        String from = token;
        ListObjectsV2Response listed =
            s3.listObjectsV2(
                b -> b.bucket(bucket).prefix(PREFIX).maxKeys(page).continuationToken(from));
        if (listed.contents().isEmpty()) {
          break;
        }
        List<ObjectIdentifier> keys =
            listed.contents().stream()
                .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                .toList();
        if (inFlight.size() == concurrency) {
          deleted += inFlight.remove(0).get();
        }
        inFlight.add(pool.submit(() -> deleteAll(keys)));
        token = Boolean.TRUE.equals(listed.isTruncated()) ? listed.nextContinuationToken() : null;
      } while (token != null);
      for (Future<Integer> call : inFlight) {
        deleted += call.get();
      }
      return deleted;
    } finally {
      pool.shutdownNow();
    }
  }

  private int deleteAll(List<ObjectIdentifier> keys) {
    DeleteObjectsResponse response =
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(false)));
    if (!response.errors().isEmpty()) {
      throw new IllegalStateException("DeleteObjects refused " + response.errors());
    }
    return response.deleted().size();
  }

  private void seed(String prefix, int count) throws Exception {
    List<Future<?>> puts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "%suploads/f%07d".formatted(prefix, i);
      puts.add(
          seeders.submit(
              () ->
                  s3.putObject(
                      b -> b.bucket(bucket).key(key), RequestBody.fromString("x".repeat(64)))));
    }
    for (Future<?> put : puts) {
      put.get();
    }
  }

  private long count(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .count();
  }

  @Override
  public void close() throws InterruptedException {
    seeders.shutdown();
    seeders.awaitTermination(1, TimeUnit.MINUTES);
  }
}
