package dev.warden.activities.reconcile;

import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.ReconciliationResult;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciliation at scale on the real servers, per-tenant listing against one sweep of tenants/:
 * 1,000 and 10,000 tenants with a few objects each, and one tenant with 100,000 objects. Prints
 * wall time, objects listed per second, continue-as-new count and history events of the last run,
 * and the JVM's peak heap. Not a test: run it by hand (docs/benchmarks.md).
 */
public final class ReconcileScaleBench {

  record Row(
      String dataset,
      String mode,
      long tenants,
      long objects,
      double seconds,
      long listed,
      int continuations,
      long lastRunEvents,
      long peakHeapMb) {}

  /**
   * Arguments: objects per tenant, then the data sets: a number is that many tenants with that many
   * objects each, {@code large} is one tenant with 100,000 objects (default: 1000 10000 large).
   */
  public static void main(String[] args) throws Exception {
    int objectsPerTenant = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> sets =
        new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
    if (sets.isEmpty()) {
      sets = List.of("1000", "10000", "large");
    }
    List<Row> rows = new ArrayList<>();
    try (ReconcileFixture f = new ReconcileFixture(true)) {
      for (String set : sets) {
        boolean large = set.equals("large");
        int tenants = large ? 1 : Integer.parseInt(set);
        int perTenant = large ? 100_000 : objectsPerTenant;
        S3Fixture b = seed(f, "bench-" + set, tenants, perTenant);
        String dataset =
            "%,d tenant%s × %,d".formatted(tenants, tenants == 1 ? "" : "s", perTenant);
        for (String mode : List.of("per-tenant", "sweep")) {
          Row row = run(f, b, dataset, mode);
          rows.add(row);
          System.out.println("row: " + format(row));
        }
      }
    }
    System.out.println(
        "| dataset | mode | tenants | objects | wall time | objects listed/s | continue-as-new"
            + " | events (last run) | peak heap |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(r -> System.out.println(format(r)));
    System.exit(0);
  }

  static String format(Row r) {
    return "| %s | %s | %,d | %,d | %.1f s | %,.0f | %d | %d | %d MB |"
        .formatted(
            r.dataset,
            r.mode,
            r.tenants,
            r.objects,
            r.seconds,
            r.listed / r.seconds,
            r.continuations,
            r.lastRunEvents,
            r.peakHeapMb);
  }

  static S3Fixture seed(ReconcileFixture f, String bucket, int tenants, int perTenant)
      throws Exception {
    f.proxy.ensureBucket(bucket);
    S3Fixture b = new S3Fixture(f.bucket.s3(), bucket);
    long start = System.nanoTime();
    byte[] body = "x".repeat(64).getBytes(StandardCharsets.UTF_8);
    // Straight into the blob store: signed PUTs over HTTP seed ~25 objects/s under load (the
    // listing under test still goes through S3Proxy's HTTP API).
    for (int t = 0; t < tenants; t++) {
      String tenant = "t%05d".formatted(t);
      for (int i = 0; i < perTenant; i++) {
        f.proxy.putDirect(bucket, "tenants/%s/o%06d".formatted(tenant, i), body);
      }
    }
    System.out.printf(
        "seeded %s: %,d tenants × %,d objects in %.1f s%n",
        bucket, tenants, perTenant, (System.nanoTime() - start) / 1e9);
    return b;
  }

  static Row run(ReconcileFixture f, S3Fixture bucket, String dataset, String mode)
      throws Exception {
    Env env =
        Env.of("bench" + UUID.randomUUID().toString().replaceAll("[^a-z]", "").substring(0, 6));
    UsageSweep sweep = new UsageSweep(bucket.s3(), bucket.bucket());
    WorkerFactory workflows = f.workflowWorker();
    WorkerFactory activities = f.activityWorker(f.activities(env, mode, 1000, sweep));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    String id = UUID.randomUUID().toString();
    long start = System.nanoTime();
    try {
      ReconciliationResult result =
          f.admit(id, env, null).reconcile(ReconcileFixture.request(id, env));
      double seconds = (System.nanoTime() - start) / 1e9;
      long events =
          f.client
              .fetchHistory("quota-reconciliation/" + env + "/" + id)
              .getHistory()
              .getEventsCount();
      System.out.printf("%s %s: %s in %.1f s%n", dataset, mode, result, seconds);
      long objects = f.ledgerOf(env).values().stream().mapToLong(v -> v.get(1)).sum();
      return new Row(
          dataset,
          mode,
          result.tenantsTotal(),
          objects,
          seconds,
          result.objectsListed(),
          result.continuations(),
          events,
          peak.get() >> 20);
    } finally {
      sampler.interrupt();
      activities.shutdownNow();
      workflows.shutdownNow();
    }
  }
}
