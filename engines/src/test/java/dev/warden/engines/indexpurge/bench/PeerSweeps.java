package dev.warden.engines.indexpurge.bench;

import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.List;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SlicesCalculation;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;
import org.opensearch.client.opensearch.tasks.GetTasksResponse;
import org.opensearch.client.opensearch.tasks.TaskResponse;

/** The index step's peers: what a careful client writes by hand, and OpenSearch's own sweep. */
final class PeerSweeps {

  private PeerSweeps() {}

  /** One thread, a routed point in time, {@code _doc} order, one {@code page}-id bulk per page. */
  static long pitBulkLoop(OpenSearchClient client, String index, TenantId tenant, int page) {
    try {
      client.indices().refresh(r -> r.index(index));
      String pit =
          client
              .createPit(p -> p.index(index).keepAlive(t -> t.time("5m")).routing(tenant.value()))
              .pitId();
      long deleted = 0;
      List<FieldValue> after = null;
      while (true) {
        List<FieldValue> from = after;
        List<Hit<JsonData>> hits =
            client
                .search(
                    s -> {
                      s.pit(new Pit.Builder().id(pit).keepAlive("5m").build())
                          .query(IndexSweepCases.term(tenant.value()))
                          .sort(o -> o.doc(d -> d.order(SortOrder.Asc)))
                          .size(page)
                          .source(c -> c.fetch(false))
                          .trackTotalHits(t -> t.enabled(false));
                      return from == null ? s : s.searchAfter(from);
                    },
                    JsonData.class)
                .hits()
                .hits();
        if (hits.isEmpty()) {
          break;
        }
        List<BulkOperation> ops =
            hits.stream()
                .map(
                    h ->
                        BulkOperation.of(
                            o -> o.delete(d -> d.index(index).id(h.id()).routing(h.routing()))))
                .toList();
        BulkResponse response = client.bulk(b -> b.operations(ops));
        for (BulkResponseItem item : response.items()) {
          if ("deleted".equals(item.result())) {
            deleted++;
          }
        }
        if (hits.size() < page) {
          break;
        }
        after = hits.get(hits.size() - 1).sort();
      }
      client.deletePit(d -> d.pitId(pit));
      return deleted;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code _delete_by_query} routed by tenant, {@code slices=auto}, waiting for completion and
   * refreshing at the end, aborting on a version conflict; refuses an answer with failures.
   */
  static long deleteByQuery(OpenSearchClient client, String index, TenantId tenant) {
    try {
      client.indices().refresh(r -> r.index(index));
      // Started as a task and polled: a synchronous call on a large index outlasts the client's
      // response timeout (30 s) while the server goes on deleting.
      String task =
          client
              .deleteByQuery(
                  d ->
                      d.index(index)
                          .query(IndexSweepCases.term(tenant.value()))
                          .routing(tenant.value())
                          .slices(s -> s.calculation(SlicesCalculation.Auto))
                          .conflicts(Conflicts.Abort)
                          .waitForCompletion(false)
                          .refresh(Refresh.True))
              .task();
      while (true) {
        GetTasksResponse status = client.tasks().get(g -> g.taskId(task));
        if (status.completed()) {
          TaskResponse response = status.response();
          if (status.error() != null
              || !response.failures().isEmpty()
              || response.versionConflicts() != 0) {
            throw new IllegalStateException(
                "_delete_by_query failed: "
                    + status.error()
                    + ", "
                    + response.failures()
                    + ", conflicts "
                    + response.versionConflicts());
          }
          return response.deleted();
        }
        Thread.sleep(100);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for _delete_by_query", e);
    }
  }
}
