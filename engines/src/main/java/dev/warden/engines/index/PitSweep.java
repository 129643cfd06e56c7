package dev.warden.engines.index;

import dev.warden.engines.tenant.TenantId;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 */
final class PitSweep {

  private static final Logger log = LoggerFactory.getLogger(PitSweep.class);
  private static final String KEEP_ALIVE = "5m";

  private final OpenSearchClient client;
  private final TenantId tenant;
  private final String field;
  private final int pageSize;

  /** {@code field}: the index's exact tenant field ({@link TenantFields}). */
  PitSweep(OpenSearchClient client, TenantId tenant, String field, int pageSize) {
    this.client = client;
    this.tenant = tenant;
    this.field = field;
    this.pageSize = pageSize;
  }

  /**
   * Deletes every matching document the new point in time sees. The listener gets the cursor after
   * each page, including a page with refused deletes: what did go is counted, then the refusals are
   * thrown.
   */
  IndexCursor run(String index, String routing, IndexCursor from, IndexPageListener listener) {
    String pit = openPit(index, routing);
    try {
      IndexCursor cursor = from;
      List<FieldValue> after = null;
      while (true) {
        List<Hit<JsonData>> hits = page(pit, after);
        if (hits.isEmpty()) {
          return cursor;
        }
        hits.forEach(this::requireOwned);
        List<IndexDeletionException.DocError> refused = new ArrayList<>();
        cursor = cursor.advance(delete(hits, refused));
        listener.afterPage(cursor);
        if (!refused.isEmpty()) {
          throw new IndexDeletionException(refused);
        }
        if (hits.size() < pageSize) {
          return cursor;
        }
        after = hits.get(hits.size() - 1).sort();
      }
    } finally {
      closePit(pit);
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

  private List<Hit<JsonData>> page(String pit, List<FieldValue> after) {
    try {
      return client
          .search(
              s -> {
                s.pit(new Pit.Builder().id(pit).keepAlive(KEEP_ALIVE).build())
                    .query(TenantIndexStore.tenantTerm(field, tenant))
                    .sort(o -> o.doc(d -> d.order(SortOrder.Asc)))
                    .size(pageSize)
                    .source(c -> c.filter(f -> f.includes(TenantIndexStore.TENANT_FIELD)))
                    .trackTotalHits(t -> t.enabled(false));
                return after == null ? s : s.searchAfter(after);
              },
              JsonData.class)
          .hits()
          .hits();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
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

  // Defence in depth, like TenantObjectStore.requireOwned: never delete what is not the tenant's.
  private void requireOwned(Hit<JsonData> hit) {
    JsonValue value =
        hit.source() == null
            ? null
            : hit.source().toJson().asJsonObject().get(TenantIndexStore.TENANT_FIELD);
    if (!(value instanceof JsonString s) || !s.getString().equals(tenant.value())) {
      throw new IllegalStateException(
          "term query for %s returned %s/%s with tenant_id %s; refusing to delete"
              .formatted(tenant, hit.index(), hit.id(), value));
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
