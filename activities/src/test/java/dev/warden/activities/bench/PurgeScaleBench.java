package dev.warden.activities.bench;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * Purges of a baseline tenant (10k objects, 10k documents) and a large one (100k, 100k) on the real
 * servers in one run: wall time per purge, throughput, and Temporal history events, which must not
 * grow with the tenant. Not a test: run it by hand (docs/benchmarks.md).
 */
public final class PurgeScaleBench {

  public static void main(String[] args) throws Exception {
    int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int baseline = large / 10;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
      DevStackEndpoints endpoints = stack.endpoints();
      Bench bench = new Bench(endpoints, concurrency);
      Result small = bench.run("bench-small", baseline);
      Result big = bench.run("bench-large", large);
      System.out.println();
      System.out.println(
          "| tenant | objects | documents | wall time | objects+docs/s | history events |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (Result r : List.of(small, big)) {
        System.out.printf(
            "| %s | %,d | %,d | %.1f s | %,.0f | %d |%n",
            r.tenant,
            r.objects,
            r.docs,
            r.seconds,
            (r.objects + r.docs) / r.seconds,
            r.historyEvents);
      }
      System.out.printf(
          "ratio large/baseline: size %.1fx, time %.2fx, history events %.2fx%n",
          (double) big.objects / small.objects,
          big.seconds / small.seconds,
          (double) big.historyEvents / small.historyEvents);
      bench.close();
    }
  }

  record Result(String tenant, long objects, long docs, double seconds, int historyEvents) {}

  static final class Bench {
    final ActivityFixture stores;
    final TemporalFixture temporal;
    final S3Fixture s3;
    final OpenSearchClient search;
    final WorkerFactory worker;

    Bench(DevStackEndpoints endpoints, int concurrency) {
      stores = new ActivityFixture(endpoints);
      temporal = new TemporalFixture(endpoints);
      s3 = stores.s3;
      search = stores.openSearch;
      worker = temporal.worker(stores.activities(Env.of("prod"), 1000, concurrency, s3));
    }

    Result run(String tenant, int count) throws Exception {
      long seedStart = System.nanoTime();
      seedObjects(tenant, count);
      seedDocs(tenant, count);
      System.out.printf(
          "seeded %s: %,d objects + %,d docs in %.1f s%n",
          tenant, count, count, (System.nanoTime() - seedStart) / 1e9);
      var record =
          stores
              .purges
              .admit(
                  PurgeRecord.requested(
                      TenantId.of(tenant),
                      Env.of("prod"),
                      "user:bench",
                      "benchmark",
                      null,
                      "bench"),
                  r -> "bench")
              .purge();
      String workflowId = "bench/" + tenant;
      TenantPurgeWorkflow workflow = temporal.purge(workflowId);
      long start = System.nanoTime();
      PurgeOutcome outcome =
          workflow.purge(
              new PurgeRequest(
                  record.purgeId().toString(),
                  tenant,
                  "prod",
                  "user:bench",
                  "benchmark",
                  null,
                  "bench",
                  0,
                  false,
                  0,
                  0,
                  0));
      double seconds = (System.nanoTime() - start) / 1e9;
      int events = temporal.client.fetchHistory(workflowId).getHistory().getEventsCount();
      long objects = item(outcome, "STORAGE");
      long docs = item(outcome, "INDEX");
      System.out.printf(
          "purged %s: %s in %.1f s, residue %s, %d history events%n",
          tenant, outcome.steps(), seconds, outcome.receipt().residue(), events);
      return new Result(tenant, objects, docs, seconds, events);
    }

    private static long item(PurgeOutcome outcome, String step) {
      return outcome.steps().stream()
          .filter(s -> s.step().name().equals(step))
          .mapToLong(StepResult::items)
          .sum();
    }

    private void seedObjects(String tenant, int count) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String key = "tenants/%s/uploads/f%07d".formatted(tenant, i);
        jobs.add(pool.submit(() -> s3.put(key, "x".repeat(64))));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
      pool.shutdown();
    }

    private void seedDocs(String tenant, int count) throws Exception {
      if (!search.indices().exists(e -> e.index("docs-prod")).value()) {
        search
            .indices()
            .create(
                c ->
                    c.index("docs-prod")
                        .mappings(
                            m ->
                                m.properties("tenant_id", p -> p.keyword(k -> k))
                                    .properties("text", p -> p.text(t -> t))));
      }
      for (int start = 0; start < count; start += 5_000) {
        List<BulkOperation> ops = new ArrayList<>();
        for (int n = start; n < Math.min(count, start + 5_000); n++) {
          String id = tenant + ":" + n;
          Map<String, Object> doc = Map.of("tenant_id", tenant, "text", "document " + n);
          ops.add(
              BulkOperation.of(
                  o -> o.index(i -> i.index("docs-prod").id(id).routing(tenant).document(doc))));
        }
        search.bulk(b -> b.operations(ops));
      }
      search.indices().refresh(r -> r.index("docs-prod"));
    }

    void close() {
      worker.shutdownNow();
      temporal.close();
      stores.close();
    }
  }
}
