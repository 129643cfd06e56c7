package dev.warden.activities.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.engines.logarchive.ArchiveIndexer;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.logarchive.PgArchiveIndex;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.SharedArchiveSeeder;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * The fixed cost of a purge: N purges of tenants with no data at all (no grace period, no approval)
 * through the real workflow, worker, activities and servers, one after the other; wall time from
 * start to result (p50, p90), activities and history events per purge, and where the time went (per
 * activity type, workflow tasks). Run twice: with no shared log archives in the env, then with
 * {@code archives} archives holding {@code lines} lines of other tenants, indexed once (0: only the
 * first). The worker runs without sticky execution as on the Java test server, or with it (fourth
 * argument {@code sticky}), as production and the dev server of {@code ./warden up} do. Not a test:
 * run it by hand (docs/benchmarks.md "Fixed cost of a purge").
 */
public final class PurgeFixedCostBench {

  private static final Env ENV = Env.of("prod");
  private static final int WARM_UP = 3;

  public static void main(String[] args) throws Exception {
    int purges = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int archives = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int lines = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    // Sticky execution is off on the Java test server (./warden up without the Temporal CLI).
    boolean sticky = args.length > 3 && args[3].equals("sticky");
    System.out.println(
        "worker: " + (sticky ? "sticky" : "not sticky (as on the Java test server)"));
    try (DevStack stack = DevStack.start(DevStackConfig.forTests());
        ActivityFixture stores = new ActivityFixture(stack.endpoints(), true);
        TemporalFixture temporal = new TemporalFixture(stack.endpoints())) {
      ActivityTimes times = new ActivityTimes();
      var worker =
          temporal.worker(
              stores.activities(ENV, 1000, 1, stores.s3),
              WorkerFactoryOptions.newBuilder().setWorkerInterceptors(times).build(),
              sticky);
      try {
        run(stores, temporal, times, purges, archives, lines);
      } finally {
        worker.shutdownNow();
      }
    }
  }

  private static void run(
      ActivityFixture stores,
      TemporalFixture temporal,
      ActivityTimes times,
      int purges,
      int archives,
      int lines)
      throws Exception {
    seedNeighbours(stores);
    PurgeFixedCostBench bench = new PurgeFixedCostBench(stores, temporal, times);
    List<String> load = new ArrayList<>();
    load.add(loadAverage());
    bench.round("warm-up", WARM_UP);
    Row none = bench.round("no archives", purges);
    load.add(loadAverage());
    if (archives == 0) {
      System.out.println("load average (start, after the round): " + load);
      none.print();
      none.breakdown();
      return;
    }
    long seedStart = System.nanoTime();
    SharedArchiveSeeder.seed(stores.s3, ENV, archives, lines, List.of());
    ObjectMapper json = new ObjectMapper();
    var index = new PgArchiveIndex(stores.db.jdbc(), stores.s3.bucket());
    var scan =
        new ArchiveIndexer(stores.s3.s3(), stores.s3.bucket(), json, index, 1000)
            .scan(ENV, () -> {});
    System.out.printf(
        "seeded and indexed %d archives (%,d lines of other tenants) in %.1f s (%d read)%n",
        archives, lines, (System.nanoTime() - seedStart) / 1e9, scan.read());
    Row with = bench.round(archives + " archives, " + lines + " lines", purges);
    load.add(loadAverage());
    double floor = bench.listingFloor();
    System.out.println();
    System.out.println("load average (start, after round 1, after round 2): " + load);
    System.out.printf(
        "floor: listing logs/%s/ twice (purge + verification) took %.3f s (median of 5)%n",
        ENV.value(), floor);
    System.out.println();
    System.out.println(
        "| case | purges | p50 | p90 | activities / purge | local activities / purge |"
            + " history events / purge | workflow tasks / purge |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : List.of(none, with)) {
      r.print();
    }
    System.out.printf(
        "ratio %s / %s at p50: %.2f×%n", with.what(), none.what(), with.p50() / none.p50());
    none.breakdown();
    with.breakdown();
  }

  private final ActivityFixture stores;
  private final TemporalFixture temporal;
  private final ActivityTimes times;
  private int tenants;

  private PurgeFixedCostBench(
      ActivityFixture stores, TemporalFixture temporal, ActivityTimes times) {
    this.stores = stores;
    this.temporal = temporal;
    this.times = times;
  }

  Row round(String what, int purges) {
    Row row = new Row(what, new double[purges], new ArrayList<>(), new TreeMap<>());
    for (int i = 0; i < purges; i++) {
      String tenant = "fixed-cost-" + (++tenants);
      times.takeAll();
      long start = System.nanoTime();
      String workflowId = purge(tenant);
      row.seconds()[i] = (System.nanoTime() - start) / 1e9;
      row.timelines().add(new PurgeTimeline(temporal.client.fetchHistory(workflowId).getHistory()));
      times
          .takeAll()
          .forEach(
              (type, t) ->
                  row.worker()
                      .merge(
                          type,
                          t,
                          (a, b) ->
                              new ActivityTimes.Time(a.count() + b.count(), a.ms() + b.ms())));
    }
    System.out.printf("%s: p50 %.3f s, p90 %.3f s%n", what, row.p50(), row.p90());
    return row;
  }

  private String purge(String tenant) {
    var record =
        stores
            .purges
            .admit(
                PurgeRecord.requested(
                    TenantId.of(tenant), ENV, "user:bench", "benchmark", null, "bench"),
                r -> "bench")
            .purge();
    String workflowId = "bench-fixed-cost/" + tenant;
    PurgeOutcome outcome =
        temporal
            .purge(workflowId)
            .purge(
                new PurgeRequest(
                    record.purgeId().toString(),
                    tenant,
                    ENV.value(),
                    "user:bench",
                    "benchmark",
                    null,
                    "bench",
                    0,
                    false,
                    0,
                    0,
                    0));
    if (outcome.status() != PurgeStatus.COMPLETED || !outcome.receipt().residue().nothingLeft()) {
      throw new IllegalStateException(tenant + " ended " + outcome);
    }
    return workflowId;
  }

  /** What every path pays for the shared archives: listing them, once per pass. */
  private double listingFloor() {
    double[] runs = new double[5];
    for (int run = 0; run < runs.length; run++) {
      long start = System.nanoTime();
      for (int twice = 0; twice < 2; twice++) {
        stores
            .s3
            .s3()
            .listObjectsV2Paginator(
                l -> l.bucket(stores.s3.bucket()).prefix(LogArchiveStore.envPrefix(ENV)))
            .contents()
            .forEach(o -> {});
      }
      runs[run] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(runs);
    return runs[runs.length / 2];
  }

  /** Other tenants' documents and log lines, so the index and logs steps search real indices. */
  private static void seedNeighbours(ActivityFixture stores) throws Exception {
    var search = stores.openSearch;
    for (String index : List.of("docs-prod", "logs-prod-app")) {
      search
          .indices()
          .create(
              c ->
                  c.index(index)
                      .mappings(
                          m ->
                              m.properties("tenant_id", p -> p.keyword(k -> k))
                                  .properties("text", p -> p.text(t -> t))));
      List<BulkOperation> ops = new ArrayList<>();
      for (int n = 0; n < 1_000; n++) {
        String tenant = "t" + (n % SharedArchiveSeeder.OTHER_TENANTS);
        Map<String, Object> doc = Map.of("tenant_id", tenant, "text", "line " + n);
        String id = tenant + ":" + n;
        ops.add(
            BulkOperation.of(
                o -> o.index(i -> i.index(index).id(id).routing(tenant).document(doc))));
      }
      search.bulk(b -> b.operations(ops));
      search.indices().refresh(r -> r.index(index));
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
