package dev.warden.engines.index.bench;

import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.engines.index.IndexCursor;
import dev.warden.engines.index.OpenSearchClients;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SlicesCalculation;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;

/**
 * The index step's sweep against its peers, in one run on the same OpenSearch: each case gets a
 * fresh one-shard index (like {@code docs-{env}}) seeded with {@code tenantDocs} documents of the
 * tenant among {@code otherDocs} of other tenants, deletes the tenant's documents and checks that
 * exactly those went. Cases: Warden's {@link TenantIndexStore#purge} with 1, 2 and 4 lanes; the
 * peer, a one-thread client point in time + {@code search_after} + 1,000-id {@code _bulk} loop; and
 * {@code _delete_by_query} with {@code slices=auto} where the server has the reindex module. Not a
 * test: it asserts nothing about time (docs/benchmarks.md has the command and the figures).
 */
public final class IndexSweepBench {

  private static final TenantId TENANT = TenantId.of("acme");
  private static final int PAGE = 1_000;

  public static void main(String[] args) throws Exception {
    int tenantDocs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int otherDocs = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
      OpenSearchClient client = OpenSearchClients.create(stack.endpoints().openSearchUrl());
      TenantIndexStore store = new TenantIndexStore(client);
      List<String> names = List.of("peer: 1-thread PIT+bulk", "warden lanes=1", "warden lanes=2");
      names = new ArrayList<>(names);
      names.add("warden lanes=4");
      names.add("_delete_by_query slices=auto");
      Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
      names.forEach(n -> rates.put(n, new ArrayList<>()));
      // Warm-up (not counted): JIT and the server's caches, so the first case is not penalised.
      int run = 0;
      for (String name : names) {
        run = measure(client, store, name, "bench-warm-" + run, 50_000, 50_000, -1, null, run);
      }
      for (int round = 0; round < rounds; round++) {
        // Each round starts one case later, so no case always runs first or last.
        for (int k = 0; k < names.size(); k++) {
          String name = names.get((k + round) % names.size());
          run =
              measure(
                  client, store, name, "bench-" + run, tenantDocs, otherDocs, round, rates, run);
        }
      }
      double peer = median(rates.get(names.get(0)));
      System.out.printf(
          "%n%,d tenant docs among %,d others, median of %d round(s)%n",
          tenantDocs, otherDocs, rounds);
      System.out.printf("| case | docs/s | vs peer loop |%n|---|---:|---:|%n");
      for (String name : names) {
        List<Double> r = rates.get(name);
        if (r.isEmpty()) {
          System.out.printf("| %s | n/a | n/a |%n", name);
        } else {
          System.out.printf("| %s | %,.0f | %.2f× |%n", name, median(r), median(r) / peer);
        }
      }
    }
  }

  /** Seeds a fresh index, runs one case on it, checks what went, records docs/s, drops it. */
  private static int measure(
      OpenSearchClient client,
      TenantIndexStore store,
      String name,
      String index,
      int tenantDocs,
      int otherDocs,
      int round,
      Map<String, List<Double>> rates,
      int run)
      throws Exception {
    seed(client, index, tenantDocs, otherDocs);
    long start = System.nanoTime();
    long deleted;
    try {
      deleted = sweep(name, client, store, index).getAsLong();
    } catch (RuntimeException e) {
      if (rates != null) {
        System.out.printf("%-30s not available: %s%n", name, e.getMessage());
      }
      client.indices().delete(d -> d.index(index));
      return run + 1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long left = count(client, index, TENANT.value());
    long others = count(client, index, null) - left;
    if (deleted != tenantDocs || left != 0 || others != otherDocs) {
      throw new IllegalStateException(
          "%s: deleted %d, left %d, others %d".formatted(name, deleted, left, others));
    }
    if (rates != null) {
      rates.get(name).add(deleted / seconds);
      System.out.printf(
          "round %d %-30s %,d docs in %.2f s: %,.0f docs/s%n",
          round + 1, name, deleted, seconds, deleted / seconds);
    }
    client.indices().delete(d -> d.index(index));
    return run + 1;
  }

  private static LongSupplier sweep(
      String name, OpenSearchClient client, TenantIndexStore store, String index) {
    if (name.startsWith("warden lanes=")) {
      int lanes = Integer.parseInt(name.substring("warden lanes=".length()));
      return () -> store.purge(TENANT, index, IndexCursor.START, PAGE, lanes, c -> {}).deleted();
    }
    if (name.startsWith("peer")) {
      return () -> peerLoop(client, index);
    }
    return () -> deleteByQuery(client, index);
  }

  /** What a careful client writes by hand: one thread, a routed point in time, 1,000-id bulks. */
  private static long peerLoop(OpenSearchClient client, String index) {
    try {
      client.indices().refresh(r -> r.index(index));
      String pit =
          client
              .createPit(p -> p.index(index).keepAlive(t -> t.time("5m")).routing(TENANT.value()))
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
                          .query(term(TENANT.value()))
                          .sort(o -> o.doc(d -> d.order(SortOrder.Asc)))
                          .size(PAGE)
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
        if (hits.size() < PAGE) {
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

  private static long deleteByQuery(OpenSearchClient client, String index) {
    try {
      client.indices().refresh(r -> r.index(index));
      return client
          .deleteByQuery(
              d ->
                  d.index(index)
                      .query(term(TENANT.value()))
                      .routing(TENANT.value())
                      .slices(s -> s.calculation(SlicesCalculation.Auto))
                      .refresh(Refresh.True))
          .deleted();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** One shard (as {@code docs-{env}} gets), tenant docs routed by tenant id, bulks of 5,000. */
  private static void seed(OpenSearchClient client, String index, int tenantDocs, int otherDocs)
      throws Exception {
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
      int chunk = 5_000;
      for (int start = 0; start < tenantDocs + otherDocs; start += chunk) {
        int from = start;
        int to = Math.min(tenantDocs + otherDocs, start + chunk);
        parts.add(
            pool.submit(
                () -> {
                  List<BulkOperation> ops = new ArrayList<>();
                  for (int n = from; n < to; n++) {
                    // Tenant and neighbours interleaved, as writers would mix them in time.
                    boolean mine = n % 2 == 0 ? n / 2 < tenantDocs : (n / 2) >= otherDocs;
                    String tenant = mine ? TENANT.value() : "acme-eu-" + (n % 50);
                    Map<String, Object> doc =
                        Map.of("tenant_id", tenant, "body", "document " + n + " of " + tenant);
                    String id = "d-" + n;
                    ops.add(
                        BulkOperation.of(
                            o ->
                                o.index(i -> i.index(index).id(id).routing(tenant).document(doc))));
                  }
                  BulkResponse response = client.bulk(b -> b.operations(ops));
                  if (response.errors()) {
                    throw new IllegalStateException("seeding failed: " + response.items());
                  }
                  return null;
                }));
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
    client.indices().refresh(r -> r.index(index));
    long seeded = count(client, index, null);
    if (seeded != tenantDocs + otherDocs) {
      throw new IllegalStateException("seeded " + seeded);
    }
  }

  private static long count(OpenSearchClient client, String index, String tenant)
      throws IOException {
    client.indices().refresh(r -> r.index(index));
    return client
        .count(c -> tenant == null ? c.index(index) : c.index(index).query(term(tenant)))
        .count();
  }

  private static Query term(String tenant) {
    return Query.of(q -> q.term(t -> t.field("tenant_id").value(v -> v.stringValue(tenant))));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
