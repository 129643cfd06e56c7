package dev.warden.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.reconcile.SweepCursor;
import dev.warden.engines.reconcile.TenantUsage;
import dev.warden.engines.reconcile.UsageSweep;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.ReconciliationResult;
import dev.warden.workflows.contract.ReconciliationStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Whole-bucket runs on a bucket of this test's own: both measuring designs leave the exact same
 * ledger, a worker killed mid-sweep resumes from its heartbeat to the same ledger, and a versioned
 * bucket's noncurrent versions count.
 */
@ExtendWith(DevStackExtension.class)
class ReconciliationSweepIT {

  static final int TENANTS = 40;
  static ReconcileFixture f;
  static final Map<String, List<Long>> expected = new HashMap<>();

  @BeforeAll
  static void seed() throws Exception {
    f = new ReconcileFixture();
    for (int t = 0; t < TENANTS; t++) {
      String tenant = "sw%02d".formatted(t);
      long bytes = 0;
      int objects = 3 + t % 8;
      for (int i = 0; i < objects; i++) {
        String body = "x".repeat(1 + (t * 7 + i) % 50);
        f.bucket.put("tenants/" + tenant + "/o" + i, body);
        bytes += body.length();
      }
      expected.put(tenant, List.of(bytes, (long) objects));
    }
    f.bucket.put("tenants/not-a-folder.txt", "ignored: not inside a tenant's folder");
    f.bucket.put("other/sw00/x", "ignored: another root");
  }

  @AfterAll
  static void close() throws Exception {
    f.close();
  }

  /** Wrong ledger rows for half the tenants, and one row for a tenant that holds nothing. */
  static void drift(Env env) {
    for (int t = 0; t < TENANTS; t += 2) {
      f.ledgerRow(env, "sw%02d".formatted(t), 999, 9);
    }
    f.ledgerRow(env, "gone", 12345, 7);
  }

  static Map<String, List<Long>> expectedLedger() {
    Map<String, List<Long>> all = new HashMap<>(expected);
    all.put("gone", List.of(0L, 0L));
    return all;
  }

  ReconciliationResult run(Env env, String mode, UsageSweep sweep) {
    WorkerFactory worker = f.workflowWorker();
    WorkerFactory activities = f.activityWorker(f.activities(env, mode, 7, sweep));
    try {
      String id = UUID.randomUUID().toString();
      return f.admit(id, env, null).reconcile(ReconcileFixture.request(id, env));
    } finally {
      activities.shutdownNow();
      worker.shutdownNow();
      // On a real Temporal server a worker shut down without waiting may still hold a poll and
      // take the next run's first activity, for another env ("reached a worker of env …"): wait
      // until both have stopped.
      activities.awaitTermination(30, TimeUnit.SECONDS);
      worker.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void givenDriftInManyTenants_whenSweptAndWhenListedPerTenant_thenBothLeaveTheExactSameLedger() {
    Env sweepEnv = Env.of("rcsweep" + suffix());
    Env perTenantEnv = Env.of("rcper" + suffix());
    drift(sweepEnv);
    drift(perTenantEnv);

    ReconciliationResult swept = run(sweepEnv, "sweep", f.sweep());
    ReconciliationResult listed = run(perTenantEnv, "per-tenant", f.sweep());

    assertThat(swept.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(swept.tenantsTotal()).isEqualTo(TENANTS + 1);
    assertThat(swept.tenantsFailed()).isZero();
    assertThat(f.ledgerOf(sweepEnv)).isEqualTo(expectedLedger());
    assertThat(listed.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(f.ledgerOf(perTenantEnv)).isEqualTo(f.ledgerOf(sweepEnv));
    assertThat(swept.objectsListed()).isEqualTo(listed.objectsListed() + 1);
  }

  @Test
  void givenAWorkerKilledMidSweep_whenAnotherTakesOver_thenItResumesToTheSameLedgerAsACleanRun()
      throws Exception {
    Env clean = Env.of("rcclean" + suffix());
    Env crashed = Env.of("rccrash" + suffix());
    drift(clean);
    drift(crashed);
    run(clean, "sweep", f.sweep());

    AtomicInteger slowPages = new AtomicInteger();
    UsageSweep slow = new PacedSweep(f, slowPages, Duration.ofMillis(150));
    AtomicInteger resumedPages = new AtomicInteger();
    UsageSweep counting = new PacedSweep(f, resumedPages, Duration.ZERO);
    WorkerFactory workflows = f.workflowWorker();
    WorkerFactory doomed = f.activityWorker(f.activities(crashed, "sweep", 7, slow));
    String id = UUID.randomUUID().toString();
    var stub = f.admit(id, crashed, null);
    WorkflowClient.start(stub::reconcile, ReconcileFixture.request(id, crashed));
    await().atMost(Duration.ofSeconds(60)).until(() -> slowPages.get() >= 10);
    doomed.shutdownNow(); // the worker dies mid-sweep; its heartbeated cursor survives
    int pagesBeforeCrash = slowPages.get();
    WorkerFactory rescuer = f.activityWorker(f.activities(crashed, "sweep", 7, counting));
    try {
      ReconciliationResult result =
          f.client
              .newUntypedWorkflowStub("quota-reconciliation/" + crashed + "/" + id)
              .getResult(120, java.util.concurrent.TimeUnit.SECONDS, ReconciliationResult.class);

      assertThat(result.status()).isEqualTo(ReconciliationStatus.COMPLETED);
      assertThat(f.ledgerOf(crashed)).isEqualTo(f.ledgerOf(clean)).isEqualTo(expectedLedger());
      int allPages =
          (int) Math.ceil((expected.values().stream().mapToLong(v -> v.get(1)).sum() + 1) / 7.0);
      assertThat(resumedPages.get())
          .as("the rescuer resumed after page %d of about %d", pagesBeforeCrash, allPages)
          .isLessThan(allPages)
          .isGreaterThan(0);
    } finally {
      rescuer.shutdownNow();
      workflows.shutdownNow();
    }
  }

  @Test
  void givenAVersionedBucket_whenMeasured_thenNoncurrentVersionsCountAndAreReportedApart() {
    f.proxy.ensureBucket("recon-versioned");
    var s3 = f.bucket.s3();
    String bucket = "recon-versioned";
    s3.putBucketVersioning(
        p ->
            p.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    var versioned = new dev.warden.engines.testing.S3Fixture(s3, bucket);
    versioned.put("tenants/ver/a", "123");
    versioned.put("tenants/ver/a", "12345");
    versioned.put("tenants/ver/b", "1234");
    s3.deleteObject(d -> d.bucket(bucket).key("tenants/ver/b"));
    UsageSweep sweep = new UsageSweep(s3, bucket);
    Map<String, TenantUsage> found = new HashMap<>();

    sweep.sweep(
        SweepCursor.start("tenants/"),
        Instant.now().plusSeconds(5),
        Set.of(),
        2,
        sweep.versioned(),
        (completed, cursor) -> {
          completed.forEach(u -> found.put(u.tenantId(), u));
          return true;
        });

    assertThat(sweep.versioned()).isTrue();
    assertThat(found.get("ver")).isEqualTo(new TenantUsage("ver", 1, 5, 2, 7));
    assertThat(found.get("ver").bytes()).isEqualTo(12);
  }

  static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 6).replaceAll("^[0-9]", "x");
  }

  /** Counts (and optionally slows) the pages a sweep lists. */
  static final class PacedSweep extends UsageSweep {
    private final AtomicInteger pages;
    private final Duration pause;

    PacedSweep(ReconcileFixture f, AtomicInteger pages, Duration pause) {
      super(f.bucket.s3(), f.bucket.bucket());
      this.pages = pages;
      this.pause = pause;
    }

    @Override
    public SweepCursor sweep(
        SweepCursor from, Instant cutoff, Set<String> open, int size, boolean v, Pages p) {
      return super.sweep(
          from,
          cutoff,
          open,
          size,
          v,
          (completed, cursor) -> {
            pages.incrementAndGet();
            try {
              Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("worker stopped", e);
            }
            return p.afterPage(completed, cursor);
          });
    }
  }
}
