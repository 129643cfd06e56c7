package dev.warden.engines.indexpurge;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.opensearch.OpenSearchClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.search.Hit;

/** Builds test indices and documents in the devstack's OpenSearch, the way writers would. */
public final class IndexFixture {

  public final OpenSearchClient client;

  public IndexFixture() {
    client = OpenSearchClients.create(DevStackExtension.endpoints().openSearchUrl());
  }

  /** Three shards, so routing by tenant id decides which shard a document lands on. */
  public void createIndex(String index) throws IOException {
    client
        .indices()
        .create(
            c ->
                c.index(index)
                    .settings(s -> s.numberOfShards(3).numberOfReplicas(0))
                    .mappings(
                        m ->
                            m.properties("tenant_id", p -> p.keyword(k -> k))
                                .properties("text", p -> p.text(t -> t))
                                .properties("seq", p -> p.integer(i -> i))));
  }

  /**
   * Indexes {@code count} documents of {@code tenant} with ids {@code {prefix}-{n}}; routed by
   * tenant id unless {@code routed} is false (a writer that forgot the routing).
   */
  public void index(
      String index, String tenant, String prefix, int count, String text, boolean routed)
      throws IOException {
    for (int start = 0; start < count; start += 1000) {
      List<BulkOperation> ops = new ArrayList<>();
      for (int n = start; n < Math.min(count, start + 1000); n++) {
        Map<String, Object> doc = Map.of("tenant_id", tenant, "text", text, "seq", n);
        String id = prefix + "-" + n;
        ops.add(
            BulkOperation.of(
                o ->
                    o.index(
                        i -> {
                          i.index(index).id(id).document(doc);
                          return routed ? i.routing(tenant) : i;
                        })));
      }
      BulkResponse response = client.bulk(b -> b.operations(ops));
      if (response.errors()) {
        throw new IllegalStateException("indexing failed: " + response.items().get(0).error());
      }
    }
    client.indices().refresh(r -> r.index(index));
  }

  /** Every document NOT of {@code tenant}: id to source JSON, for before/after comparison. */
  public Map<String, String> othersThan(String target, String tenant) throws IOException {
    client.indices().refresh(r -> r.index(target));
    Query notTenant =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.mustNot(
                            n ->
                                n.term(
                                    t -> t.field("tenant_id").value(v -> v.stringValue(tenant))))));
    List<Hit<JsonData>> hits =
        client
            .search(s -> s.index(target).query(notTenant).size(10_000), JsonData.class)
            .hits()
            .hits();
    Map<String, String> sources = new TreeMap<>();
    hits.forEach(h -> sources.put(h.index() + "/" + h.id(), h.source().toJson().toString()));
    return sources;
  }

  public void setWriteBlock(String index, boolean blocked) throws IOException {
    client.indices().putSettings(p -> p.index(index).settings(s -> s.blocksWrite(blocked)));
  }
}
