package dev.warden.activities.bench;

import dev.warden.activities.storage.StorageSharding;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.CuttableProxy;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.StepResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The storage step's lanes against a store with per-request latency: an in-memory S3Proxy behind a
 * {@link CuttableProxy} that holds every request (default 20 ms, like a cloud store). Seeds one
 * tenant's objects across sub-folders straight into the blob store, then purges them through the
 * real workflow, worker and activities with 1, 4 and 16 lanes on one worker and 4 and 16 lanes on
 * two workers (two worker factories on one task queue), beside a raw SDK list + DeleteObjects loop
 * through the same proxy. Prints objects/s of the storage step, the ratio to one lane and to the
 * linear ideal, requests and latency seen at the proxy, history events. {@code million} mode purges
 * one tenant of 1,000,000 objects without delay and prints wall time, history events and heap. Not
 * a test: run it by hand (docs/benchmarks.md).
 */
public final class StorageLanesBench {

  private static final String BUCKET = "lanes-data";
  private static final byte[] BODY = "x".repeat(64).getBytes(StandardCharsets.UTF_8);

  record Row(
      String run,
      int lanes,
      int workers,
      long objects,
      double stepSeconds,
      double wallSeconds,
      long requests,
      double latencyMs,
      double listMs,
      double deleteMs,
      long historyEvents) {
    double rate() {
      return objects / stepSeconds;
    }
  }

  /**
   * Arguments: objects per run (20000), delay in ms (20), mode ({@code lanes} or {@code million}),
   * rounds (2: every configuration runs once per round, rounds interleaved, after one warm-up),
   * shards of the million run (256: each range then lists under a narrow prefix, see {@link
   * dev.warden.engines.objects.KeyRange#listingPrefix}).
   */
  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int delayMs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String mode = args.length > 2 ? args[2] : "lanes";
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int shards = args.length > 4 ? Integer.parseInt(args[4]) : 256;
    try (DevStack stack = DevStack.start(DevStackConfig.forTests());
        S3ProxyServer blobs =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "lanes", "lanes-secret")
                .ensureBucket(BUCKET);
        CuttableProxy proxy = new CuttableProxy(blobs.port(), Duration.ofMillis(delayMs))) {
      ActivityFixture stores = new ActivityFixture(stack.endpoints(), true);
      TemporalFixture temporal = new TemporalFixture(stack.endpoints());
      S3Fixture bucket =
          new S3Fixture(
              S3Fixture.client("http://127.0.0.1:" + proxy.port(), "lanes", "lanes-secret"),
              BUCKET);
      Bench bench = new Bench(stores, temporal, blobs, proxy, bucket);
      List<Row> rows = new ArrayList<>();
      if (mode.equals("million")) {
        rows.add(bench.million(objects, 4, shards));
      } else {
        // JIT of S3Proxy, the SDK and the worker: not measured
        bench.warden(objects / 4, 4, 1);
        bench.peer(objects / 4);
        for (int round = 0; round < rounds; round++) {
          rows.add(bench.peer(objects));
          for (int[] run : new int[][] {{1, 1}, {4, 1}, {16, 1}, {4, 2}, {16, 2}}) {
            rows.add(bench.warden(objects, run[0], run[1]));
          }
        }
      }
      print(rows, delayMs);
      temporal.close();
    }
    System.exit(0);
  }

  private static void print(List<Row> rows, int delayMs) {
    // the ratios are against the median of Warden's one-lane runs
    double base =
        median(
            rows.stream()
                .filter(r -> r.run().equals("warden") && r.lanes() == 1)
                .mapToDouble(Row::rate)
                .toArray(),
            rows.get(0).rate());
    System.out.printf("%n%d ms per request added by the proxy%n", delayMs);
    System.out.println(
        "| run | lanes | workers | objects | storage step | objects/s | × 1 lane | linear ideal"
            + " | of ideal | requests | latency/request | LIST | DeleteObjects | history events"
            + " | purge wall time |");
    System.out.println(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      double ratio = r.rate() / base;
      System.out.printf(
          "| %s | %d | %d | %,d | %.1f s | %,.0f | %.2f× | %d× | %.0f %% | %,d | %.0f ms | %.0f ms"
              + " | %.0f ms | %s | %s |%n",
          r.run(),
          r.lanes(),
          r.workers(),
          r.objects(),
          r.stepSeconds(),
          r.rate(),
          ratio,
          r.lanes(),
          100 * ratio / r.lanes(),
          r.requests(),
          r.latencyMs(),
          r.listMs(),
          r.deleteMs(),
          r.historyEvents() < 0 ? "–" : Long.toString(r.historyEvents()),
          r.wallSeconds() < 0 ? "–" : "%.1f s".formatted(r.wallSeconds()));
    }
    System.out.println();
    System.out.println(
        "| run | lanes | workers | runs | median objects/s | × 1 lane | of linear |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    List<String> configs =
        rows.stream().map(r -> r.run() + "|" + r.lanes() + "|" + r.workers()).distinct().toList();
    for (String config : configs) {
      List<Row> of =
          rows.stream()
              .filter(r -> (r.run() + "|" + r.lanes() + "|" + r.workers()).equals(config))
              .toList();
      double m = median(of.stream().mapToDouble(Row::rate).toArray(), 0);
      System.out.printf(
          "| %s | %d | %d | %d | %,.0f | %.2f× | %.0f %% |%n",
          of.get(0).run(),
          of.get(0).lanes(),
          of.get(0).workers(),
          of.size(),
          m,
          m / base,
          100 * m / base / of.get(0).lanes());
    }
    System.out.printf(
        "load average: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double median(double[] values, double none) {
    if (values.length == 0) {
      return none;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  record Bench(
      ActivityFixture stores,
      TemporalFixture temporal,
      S3ProxyServer blobs,
      CuttableProxy proxy,
      S3Fixture bucket) {

    /** Seeds {@code count} objects of a new tenant: uploads (90 %), reports (9 %), packs (1 %). */
    String seed(String name, int count) {
      return seed(name, count, BODY);
    }

    /**
     * {@code body}: the million run seeds empty objects, as S3Proxy's in-memory store (jimfs, 4 GB,
     * one 8 KB block per non-empty file) holds about 500,000 non-empty objects.
     */
    String seed(String name, int count, byte[] body) {
      String tenant = name + "-" + UUID.randomUUID().toString().substring(0, 6);
      Random random = new Random(count);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String key =
            switch (i % 100) {
              case 0 -> "tenants/%s/packs/p%07d.bin".formatted(tenant, i);
              case 1, 2, 3, 4, 5, 6, 7, 8, 9 ->
                  "tenants/%s/reports/%s.csv".formatted(tenant, new UUID(random.nextLong(), i));
              default ->
                  "tenants/%s/uploads/%s/f.bin".formatted(tenant, new UUID(random.nextLong(), i));
            };
        blobs.putDirect(BUCKET, key, body);
      }
      blobs.putDirect(BUCKET, "tenants/%s-eu/uploads/0/keep.bin".formatted(tenant), BODY);
      System.out.printf(
          "seeded %s: %,d objects in %.1f s%n", tenant, count, (System.nanoTime() - start) / 1e9);
      return tenant;
    }

    /** The peer: one lane of ListObjectsV2 (1,000 keys) then DeleteObjects (1,000 keys). */
    Row peer(int count) {
      String tenant = seed("peer", count);
      String prefix = "tenants/" + tenant + "/";
      proxy.resetStats();
      long start = System.nanoTime();
      long deleted = 0;
      ListObjectsV2Response page;
      do {
        page = bucket.s3().listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix).maxKeys(1000));
        List<ObjectIdentifier> ids =
            page.contents().stream()
                .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                .toList();
        if (!ids.isEmpty()) {
          bucket
              .s3()
              .deleteObjects(
                  d -> d.bucket(BUCKET).delete(Delete.builder().objects(ids).quiet(true).build()));
          deleted += ids.size();
        }
      } while (Boolean.TRUE.equals(page.isTruncated()));
      double seconds = (System.nanoTime() - start) / 1e9;
      var stats = proxy.stats();
      requireNeighbourKept(tenant);
      return new Row(
          "raw SDK loop",
          1,
          1,
          deleted,
          seconds,
          -1,
          stats.requests(),
          stats.meanLatencyMillis(),
          proxy.stats("GET").meanLatencyMillis(),
          proxy.stats("POST").meanLatencyMillis(),
          -1);
    }

    Row warden(int count, int lanes, int workers) throws Exception {
      String tenant = seed("w" + lanes + "x" + workers, count);
      List<WorkerFactory> factories = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        factories.add(
            temporal.worker(
                stores.activities(
                    Env.of("prod"), 1000, 1, bucket, new StorageSharding(16, lanes))));
      }
      try {
        return purge(tenant, count, lanes, workers, "warden");
      } finally {
        factories.forEach(WorkerFactory::shutdownNow);
      }
    }

    Row million(int count, int lanes, int shards) throws Exception {
      String tenant = seed("million", count, new byte[0]);
      System.gc();
      long heapAfterSeed = usedHeap();
      AtomicLong peak = new AtomicLong();
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(usedHeap(), Math::max);
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      sampler.setDaemon(true);
      sampler.start();
      WorkerFactory worker =
          temporal.worker(
              stores.activities(
                  Env.of("prod"), 1000, 1, bucket, new StorageSharding(shards, lanes)));
      try {
        Row row = purge(tenant, count, lanes, 1, "warden %,d, %d shards".formatted(count, shards));
        System.out.printf(
            "heap: %d MB used after seeding (S3Proxy's in-memory store included), peak %d MB"
                + " during the purge (+%d MB)%n",
            heapAfterSeed >> 20, peak.get() >> 20, (peak.get() - heapAfterSeed) >> 20);
        return row;
      } finally {
        sampler.interrupt();
        worker.shutdownNow();
      }
    }

    private static long usedHeap() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Row purge(String tenant, int count, int lanes, int workers, String label) {
      var record =
          stores
              .purges
              .admit(
                  PurgeRecord.requested(
                      TenantId.of(tenant), Env.of("prod"), "user:bench", "benchmark", null, "b"),
                  r -> "bench")
              .purge();
      String workflowId = "bench-lanes/" + tenant;
      proxy.resetStats();
      long start = System.nanoTime();
      PurgeOutcome outcome =
          temporal
              .purge(workflowId)
              .purge(
                  new PurgeRequest(
                      record.purgeId().toString(),
                      tenant,
                      "prod",
                      "user:bench",
                      "benchmark",
                      null,
                      "b",
                      0,
                      false,
                      0,
                      0,
                      0));
      double wall = (System.nanoTime() - start) / 1e9;
      var stats = proxy.stats();
      List<HistoryEvent> events =
          temporal.client.fetchHistory(workflowId).getHistory().getEventsList();
      long deleted =
          outcome.steps().stream()
              .filter(s -> s.step().name().equals("STORAGE"))
              .mapToLong(StepResult::items)
              .sum();
      if (deleted != count || outcome.receipt().residue().objects() != 0) {
        throw new IllegalStateException("purge of " + tenant + " was not exact: " + outcome);
      }
      requireNeighbourKept(tenant);
      System.out.printf(
          "%s lanes=%d workers=%d: %s in %.1f s, %d history events%n",
          label, lanes, workers, outcome.steps(), wall, events.size());
      return new Row(
          label,
          lanes,
          workers,
          deleted,
          storageSeconds(events),
          wall,
          stats.requests(),
          stats.meanLatencyMillis(),
          proxy.stats("GET").meanLatencyMillis(),
          proxy.stats("POST").meanLatencyMillis(),
          events.size());
    }

    // From the plan's scheduling to the last range's completion, by the history's own clocks.
    private static double storageSeconds(List<HistoryEvent> events) {
      Map<Long, String> types = new java.util.HashMap<>();
      long first = Long.MAX_VALUE;
      long last = 0;
      for (HistoryEvent e : events) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          types.put(e.getEventId(), type);
          if (type.equals("PlanTenantShards")) {
            first = Math.min(first, millis(e));
          }
        }
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            && "PurgeTenantShard"
                .equals(
                    types.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
          last = Math.max(last, millis(e));
        }
      }
      return (last - first) / 1e3;
    }

    private static long millis(HistoryEvent e) {
      return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
    }

    private void requireNeighbourKept(String tenant) {
      if (bucket.snapshot("tenants/" + tenant + "-eu/").size() != 1) {
        throw new IllegalStateException("the neighbour of " + tenant + " lost its object");
      }
    }
  }
}
