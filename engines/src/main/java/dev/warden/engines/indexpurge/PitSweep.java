package dev.warden.engines.indexpurge;

import dev.warden.engines.opensearch.IndexDeletionException;
import dev.warden.engines.opensearch.OpenSearchFailures;
import dev.warden.engines.tenant.TenantId;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a tenant's documents in one index: a point in time, pages sorted by {@code _doc}
 * with {@code search_after} ({@code _shard_doc} is unknown to OpenSearch 2.19), and one {@code
 * _bulk} of deletes per page. Works without the reindex module, which has {@code _delete_by_query}.
 *
 * <p>With more than one lane the point in time is searched in {@code lanes} slices ({@code slice:
 * {id, max}}), each slice a lane on its own thread, and a lane asks for its next page while the
 * {@code _bulk} of its current page runs. Every page still goes through the listener (heartbeat,
 * then the guard) before that lane deletes its next page, and once any lane has failed or been
 * stopped no lane sends another {@code _bulk}.
 *
 * <p>The {@link IndexJournal} hears of each {@code _bulk} before it is sent (its ids) and after it
 * answered (how many it deleted, before the listener hears of the page), by lane.
 */
final class PitSweep {

  private static final Logger log = LoggerFactory.getLogger(PitSweep.class);
  private static final String KEEP_ALIVE = "5m";

  private final OpenSearchClient client;
  private final TenantId tenant;
  private final String field;
  private final int pageSize;
  private final int lanes;
  private final IndexJournal journal;

  /** {@code field}: the index's exact tenant field ({@link TenantFields}). One lane. */
  PitSweep(OpenSearchClient client, TenantId tenant, String field, int pageSize) {
    this(client, tenant, field, pageSize, 1, IndexJournal.NONE);
  }

  /** {@code lanes}: slices of the point in time swept in parallel; 1 sweeps it unsliced. */
  PitSweep(
      OpenSearchClient client,
      TenantId tenant,
      String field,
      int pageSize,
      int lanes,
      IndexJournal journal) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
    }
    this.client = client;
    this.tenant = tenant;
    this.field = field;
    this.pageSize = pageSize;
    this.lanes = lanes;
    this.journal = journal;
  }

  /**
   * Deletes every matching document the new point in time sees. The listener gets the cursor after
   * each page, including a page with refused deletes: what did go is counted, then the refusals are
   * thrown.
   */
  IndexCursor run(String index, String routing, IndexCursor from, IndexPageListener listener) {
    String pit = openPit(index, routing);
    try {
      return lanes == 1
          ? sweep(index, pit, from, listener)
          : sweepLanes(index, pit, from, listener);
    } finally {
      closePit(pit);
    }
  }

  private IndexCursor sweep(
      String index, String pit, IndexCursor from, IndexPageListener listener) {
    IndexCursor cursor = from;
    List<FieldValue> after = null;
    while (true) {
      List<Hit<JsonData>> hits = page(pit, null, after);
      if (hits.isEmpty()) {
        return cursor;
      }
      hits.forEach(this::requireOwned);
      List<IndexDeletionException.DocError> refused = new ArrayList<>();
      List<String> ids = ids(hits);
      journal.beforeBulk(0, index, ids);
      try {
        long deleted = delete(hits, refused);
        cursor = cursor.advance(deleted);
        journal.afterBulk(0, index, deleted);
      } catch (RuntimeException stopped) {
        journal.stopped(0, index, ids);
        throw stopped;
      }
      listener.afterPage(cursor);
      if (!refused.isEmpty()) {
        throw new IndexDeletionException(refused);
      }
      if (hits.size() < pageSize) {
        return cursor;
      }
      after = hits.get(hits.size() - 1).sort();
    }
  }

  /**
   * The lanes share one running cursor: each page's count is added and handed to the listener under
   * one lock, so heartbeats are in order, the total is the sum of every lane's answered bulks and
   * the guard runs between any two pages of a lane. The first failure stops every lane before its
   * next {@code _bulk} and is thrown once all lanes have returned.
   */
  private IndexCursor sweepLanes(
      String index, String pit, IndexCursor from, IndexPageListener listener) {
    Progress progress = new Progress(from, listener, journal, index);
    // Each lane has at most one search in flight beside its own thread: 2 x lanes never waits.
    ExecutorService pool = Executors.newFixedThreadPool(2 * lanes, laneThreads());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int slice = 0; slice < lanes; slice++) {
        int id = slice;
        running.add(pool.submit(() -> lane(pit, id, pool, progress)));
      }
      for (Future<?> lane : running) {
        try {
          lane.get();
        } catch (ExecutionException e) {
          progress.fail(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          progress.fail(e);
          running.forEach(f -> f.cancel(true));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return progress.end();
  }

  private void lane(String pit, int slice, ExecutorService pool, Progress progress) {
    List<Hit<JsonData>> hits = page(pit, slice, null);
    while (!hits.isEmpty()) {
      hits.forEach(this::requireOwned);
      List<FieldValue> after = hits.get(hits.size() - 1).sort();
      // Pipelined: the next search of this lane runs while this page's bulk does. A search deletes
      // nothing, so asking before the guard has passed this page is harmless.
      Future<List<Hit<JsonData>>> next =
          hits.size() < pageSize ? null : pool.submit(() -> page(pit, slice, after));
      try {
        // Recorded first, so the check right before the bulk stays where it was: a page recorded
        // but never sent is resolved as nothing deleted.
        List<String> ids = ids(hits);
        journal.beforeBulk(slice, progress.index, ids);
        List<IndexDeletionException.DocError> refused = new ArrayList<>();
        try {
          progress.requireRunning();
          progress.afterPage(slice, delete(hits, refused));
        } catch (RuntimeException stopped) {
          journal.stopped(slice, progress.index, ids);
          throw stopped;
        }
        if (!refused.isEmpty()) {
          throw new IndexDeletionException(refused);
        }
      } catch (RuntimeException e) {
        if (next != null) {
          next.cancel(true);
        }
        throw e;
      }
      if (next == null) {
        return;
      }
      hits = await(next);
    }
  }

  private static List<Hit<JsonData>> await(Future<List<Hit<JsonData>>> search) {
    try {
      return search.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("index sweep interrupted");
    }
  }

  private static ThreadFactory laneThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "warden-index-lane-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The lanes' shared cursor and first failure. */
  private static final class Progress {
    private final IndexPageListener listener;
    private final IndexJournal journal;
    private final String index;
    private IndexCursor cursor;
    private Throwable failure;

    Progress(IndexCursor from, IndexPageListener listener, IndexJournal journal, String index) {
      this.cursor = from;
      this.listener = listener;
      this.journal = journal;
      this.index = index;
    }

    synchronized void requireRunning() {
      if (failure != null) {
        throw new CancellationException("another lane stopped the sweep: " + failure);
      }
    }

    /**
     * Counts a page even after a failure (those documents are gone), records it, then heartbeats
     * and guards.
     */
    synchronized void afterPage(int lane, long deleted) {
      cursor = cursor.advance(deleted);
      try {
        journal.afterBulk(lane, index, deleted);
        listener.afterPage(cursor);
      } catch (RuntimeException e) {
        fail(e);
        throw e;
      }
    }

    synchronized void fail(Throwable e) {
      // The first failure is the cause; a lane's CancellationException only echoes it.
      if (failure == null) {
        failure = e;
      }
    }

    synchronized IndexCursor end() {
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw new CancellationException("index sweep interrupted: " + failure);
      }
      return cursor;
    }
  }

  private String openPit(String index, String routing) {
    try {
      return client
          .createPit(
              p -> {
                p.index(index).keepAlive(t -> t.time(KEEP_ALIVE));
                return routing == null ? p : p.routing(routing);
              })
          .pitId();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  /** {@code slice}: this lane's slice of {@code lanes}, or null for the whole point in time. */
  private List<Hit<JsonData>> page(String pit, Integer slice, List<FieldValue> after) {
    try {
      return client
          .search(
              s -> {
                s.pit(new Pit.Builder().id(pit).keepAlive(KEEP_ALIVE).build())
                    .query(TenantIndexStore.tenantTerm(field, tenant))
                    .sort(o -> o.doc(d -> d.order(SortOrder.Asc)))
                    .size(pageSize)
                    // The owner check reads the exact field's doc values, not _source: no JSON
                    // to load and parse per hit on the server (IndexSweepBench).
                    .source(c -> c.fetch(false))
                    .docvalueFields(f -> f.field(field))
                    .trackTotalHits(t -> t.enabled(false));
                if (slice != null) {
                  // Sliced by a hash of _seq_no's doc values, checked only on the tenant's hits.
                  // The default (_id) walks every _id term of the shard on each request; on one
                  // shard that made 4 lanes 1.28x the one-thread loop instead of 1.79x
                  // (IndexSweepBench).
                  s.slice(l -> l.field("_seq_no").id(slice).max(lanes));
                }
                return after == null ? s : s.searchAfter(after);
              },
              JsonData.class)
          .hits()
          .hits();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  private static List<String> ids(List<Hit<JsonData>> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  /** Returns how many documents this bulk deleted; refusals go to {@code refused}. */
  private long delete(List<Hit<JsonData>> hits, List<IndexDeletionException.DocError> refused) {
    // Route each delete as the document was indexed (hit.routing()): forcing the tenant id would
    // miss a document indexed without routing and come back as a harmless-looking not_found.
    List<BulkOperation> deletes =
        hits.stream()
            .map(
                h ->
                    BulkOperation.of(
                        o -> o.delete(d -> d.index(h.index()).id(h.id()).routing(h.routing()))))
            .toList();
    BulkResponse response;
    try {
      response = client.bulk(b -> b.operations(deletes));
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
    long deleted = 0;
    for (BulkResponseItem item : response.items()) {
      if (item.error() != null) {
        refused.add(
            new IndexDeletionException.DocError(
                item.index(),
                item.id(),
                item.error().type(),
                item.error().reason(),
                item.status()));
      } else if ("deleted".equals(item.result())) {
        deleted++;
      }
      // "not_found": already gone. Not counted, so a delete from an earlier attempt that the
      // refresh had not yet hidden can never be counted twice.
    }
    return deleted;
  }

  /**
   * Defence in depth, like TenantObjectStore.requireOwned: never delete what is not the tenant's.
   * The hit must carry exactly one value of the exact field ({@link TenantFields}: a keyword with
   * no normalizer and an {@code ignore_above} that keeps every tenant id, so its doc value is the
   * indexed string itself), and it must be the tenant id.
   */
  private void requireOwned(Hit<JsonData> hit) {
    JsonData values = hit.fields().get(field);
    JsonValue json = values == null ? null : values.toJson();
    boolean owned =
        json instanceof JsonArray array
            && array.size() == 1
            && array.get(0) instanceof JsonString s
            && s.getString().equals(tenant.value());
    if (!owned) {
      throw new IllegalStateException(
          "term query for %s returned %s/%s with %s %s; refusing to delete"
              .formatted(tenant, hit.index(), hit.id(), field, json));
    }
  }

  private void closePit(String pit) {
    try {
      client.deletePit(d -> d.pitId(pit));
    } catch (IOException | RuntimeException e) {
      // It expires after KEEP_ALIVE anyway; never hide the purge's own outcome behind this.
      log.warn("Could not close point in time {}", pit, e);
    }
  }
}
