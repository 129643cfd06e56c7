package dev.warden.engines.indexpurge.bench;

import dev.warden.engines.indexpurge.IndexCursor;
import dev.warden.engines.indexpurge.IndexJournal;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * The index cases shared by {@link IndexSweepBench} and the side-by-side bench: each case gets a
 * fresh one-shard index (as {@code docs-{env}} gets) seeded with the tenant's documents interleaved
 * with its neighbours' ({@code acme-eu-*}, routed by tenant id), deletes the tenant's documents and
 * is checked: exactly the tenant's documents went, every neighbour is still there.
 */
public final class IndexSweepCases {

  public static final TenantId TENANT = TenantId.of("acme");
  public static final int PAGE = 1_000;
  public static final String PEER = "peer: 1-thread PIT+bulk";
  public static final String DELETE_BY_QUERY = "_delete_by_query slices=auto";
  private static final String WARDEN = "warden lanes=";

  private final OpenSearchClient client;
  private final TenantIndexStore store;
  private int run;

  public IndexSweepCases(OpenSearchClient client) {
    this.client = client;
    this.store = new TenantIndexStore(client);
  }

  /** The name of Warden's case with {@code lanes} lanes. */
  public static String warden(int lanes) {
    return WARDEN + lanes;
  }

  /**
   * Seeds a fresh index, times one case on it, checks what went and drops it: docs/s, or empty when
   * the server cannot run the case (printed).
   */
  public OptionalDouble measure(String name, int tenantDocs, int otherDocs, boolean print)
      throws Exception {
    return measure(name, tenantDocs, otherDocs, print, i -> sweep(name, i));
  }

  /** As above, with the caller's {@code sweep} (e.g. a peer's, profiled) on a fresh index. */
  public OptionalDouble measure(
      String name, int tenantDocs, int otherDocs, boolean print, Sweep sweep) throws Exception {
    return measure(name, "bench-" + run++, tenantDocs, otherDocs, print, sweep);
  }

  /** One case: deletes {@link #TENANT}'s documents from the index, returns how many it counted. */
  @FunctionalInterface
  public interface Sweep {
    long run(String index) throws Exception;
  }

  /**
   * As above for a case of the caller's on an index of the caller's name (e.g. {@code docs-local}
   * for a whole purge through the API), created fresh and dropped after.
   */
  public OptionalDouble measure(
      String name, String index, int tenantDocs, int otherDocs, boolean print, Sweep sweep)
      throws Exception {
    if (client.indices().exists(e -> e.index(index)).value()) {
      client.indices().delete(d -> d.index(index));
    }
    seed(index, tenantDocs, otherDocs);
    try {
      long start = System.nanoTime();
      long deleted;
      try {
        deleted = sweep.run(index);
      } catch (RuntimeException e) {
        System.out.printf("%-30s not available: %s%n", name, e.getMessage());
        return OptionalDouble.empty();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long left = count(index, TENANT.value());
      long others = count(index, null) - left;
      if (deleted != tenantDocs || left != 0 || others != otherDocs) {
        throw new IllegalStateException(
            "%s: deleted %d, left %d, others %d of %d"
                .formatted(name, deleted, left, others, otherDocs));
      }
      if (print) {
        System.out.printf(
            "%-30s %,d docs in %.2f s: %,.0f docs/s, neighbours intact (%,d)%n",
            name, deleted, seconds, deleted / seconds, others);
      }
      return OptionalDouble.of(deleted / seconds);
    } finally {
      client.indices().delete(d -> d.index(index));
    }
  }

  /** Case {@code name} (a peer, or Warden's lanes) on {@code index}; how many it deleted. */
  public long sweep(String name, String index) {
    if (name.startsWith(WARDEN)) {
      int lanes = Integer.parseInt(name.substring(WARDEN.length()));
      return store
          .purge(TENANT, index, IndexCursor.START, PAGE, lanes, IndexJournal.NONE, c -> {})
          .deleted();
    }
    if (name.equals(PEER)) {
      return PeerSweeps.pitBulkLoop(client, index, TENANT, PAGE);
    }
    if (name.equals(DELETE_BY_QUERY)) {
      return PeerSweeps.deleteByQuery(client, index, TENANT);
    }
    throw new IllegalArgumentException("unknown index case " + name);
  }

  /** Tenant documents routed by tenant id, interleaved with neighbours', bulks of 5,000. */
  private void seed(String index, int tenantDocs, int otherDocs) throws Exception {
    client
        .indices()
        .create(
            c ->
                c.index(index)
                    .settings(
                        s ->
                            s.numberOfShards(1)
                                .numberOfReplicas(0)
                                .refreshInterval(t -> t.time("-1")))
                    .mappings(
                        m ->
                            m.properties("tenant_id", p -> p.keyword(k -> k))
                                .properties("body", p -> p.text(t -> t))));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int total = tenantDocs + otherDocs;
      for (int start = 0; start < total; start += 5_000) {
        int from = start;
        int to = Math.min(total, start + 5_000);
        parts.add(pool.submit(() -> seedPart(index, from, to, tenantDocs, otherDocs)));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdown();
    }
    client
        .indices()
        .putSettings(p -> p.index(index).settings(s -> s.refreshInterval(t -> t.time("1s"))));
    long seeded = count(index, null);
    if (seeded != tenantDocs + otherDocs) {
      throw new IllegalStateException("seeded " + seeded);
    }
  }

  private Void seedPart(String index, int from, int to, int tenantDocs, int otherDocs)
      throws IOException {
    List<BulkOperation> ops = new ArrayList<>();
    for (int n = from; n < to; n++) {
      // Tenant and neighbours interleaved, as writers would mix them in time.
      boolean mine = n % 2 == 0 ? n / 2 < tenantDocs : (n / 2) >= otherDocs;
      String tenant = mine ? TENANT.value() : "acme-eu-" + (n % 50);
      Map<String, Object> doc =
          Map.of("tenant_id", tenant, "body", "document " + n + " of " + tenant);
      String id = "d-" + n;
      ops.add(
          BulkOperation.of(o -> o.index(i -> i.index(index).id(id).routing(tenant).document(doc))));
    }
    BulkResponse response = client.bulk(b -> b.operations(ops));
    if (response.errors()) {
      throw new IllegalStateException("seeding failed: " + response.items());
    }
    return null;
  }

  private long count(String index, String tenant) throws IOException {
    client.indices().refresh(r -> r.index(index));
    return client
        .count(c -> tenant == null ? c.index(index) : c.index(index).query(term(tenant)))
        .count();
  }

  static Query term(String tenant) {
    return Query.of(q -> q.term(t -> t.field("tenant_id").value(v -> v.stringValue(tenant))));
  }
}
