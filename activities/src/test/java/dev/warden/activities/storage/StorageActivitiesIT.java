package dev.warden.activities.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.objects.StorageCursor;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class StorageActivitiesIT {

  private ActivityFixture stores;
  private S3Fixture s3;
  private TestActivityEnvironment temporal;
  private StorageActivities activities;
  private final List<StorageCursor> heartbeats = new ArrayList<>();
  private PurgeRequest acme;
  private final List<java.util.UUID> admitted = new ArrayList<>();

  @BeforeEach
  void setUp() {
    stores = new ActivityFixture();
    s3 = stores.s3;
    s3.clear();
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(stores.activities(Env.of("prod"), 10).storage());
    temporal.setActivityHeartbeatListener(StorageCursor.class, heartbeats::add);
    activities = temporal.newActivityStub(StorageActivities.class);
    acme = request("acme", "prod");
  }

  @AfterEach
  void tearDown() {
    // These records were only needed for the stop flag; leave none active for later tests.
    admitted.forEach(id -> stores.purges.complete(id, PurgeState.CANCELLED, "cancelled", "{}"));
    temporal.close();
    stores.close();
  }

  private PurgeRequest request(String tenant, String env) {
    var purge =
        stores.purges.admit(
            PurgeRecord.requested(
                TenantId.of(tenant.replace("/", "x").replace(".", "x")),
                Env.of(env),
                "user:dpo",
                "test",
                null,
                "trace"),
            r -> "wf-" + r.tenantId());
    admitted.add(purge.purge().purgeId());
    return new PurgeRequest(
        purge.purge().purgeId().toString(),
        tenant,
        env,
        "user:dpo",
        "test",
        null,
        "trace",
        0,
        false,
        0,
        0,
        0);
  }

  @Test
  void givenATenantWithObjects_whenPurged_thenEveryPageIsHeartbeatedWithItsCursor() {
    IntStream.range(0, 25).forEach(i -> s3.put("tenants/acme/f%02d".formatted(i), "abc"));
    s3.put("tenants/acme-eu/f00", "abc");

    StepResult result = activities.purgeTenantObjects(acme);

    assertThat(result).isEqualTo(new StepResult(PurgeStep.STORAGE, 25, 75));
    // Temporal throttles heartbeats; whatever got through names a page boundary.
    assertThat(heartbeats)
        .isNotEmpty()
        .extracting(StorageCursor::lastKey)
        .isSubsetOf("tenants/acme/f09", "tenants/acme/f19", "tenants/acme/f24");
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/f00");
  }

  @Test
  void givenTheHeartbeatOfAFailedAttempt_whenRetried_thenItResumesFromThatCursorNotFromZero() {
    IntStream.range(0, 20).forEach(i -> s3.put("tenants/acme/f%02d".formatted(i), "abc"));
    temporal.setHeartbeatDetails(new StorageCursor("tenants/acme/f09", 10, 30, 1));

    StepResult result = activities.purgeTenantObjects(acme);

    // The keys up to the cursor are left alone: only a resumed run would skip them.
    assertThat(s3.snapshot("tenants/acme/")).hasSize(10).containsKey("tenants/acme/f09");
    assertThat(result).isEqualTo(new StepResult(PurgeStep.STORAGE, 20, 60));
  }

  @Test
  void givenAnEngagedPurgeKillSwitch_whenTheStepRuns_thenItStopsBeforeDeletingAndSaysWhy()
      throws Exception {
    IntStream.range(0, 5).forEach(i -> s3.put("tenants/acme/f%02d".formatted(i), "abc"));
    KillSwitchSpec scope =
        KillSwitchSpec.of(Env.of("prod"), TenantId.of("acme"), null, KillSwitchAction.PURGE);
    stores.killSwitchService.engage(scope, "incident 7", "user:oncall", null, "t");
    try {
      KillSwitchQuery query =
          KillSwitchQuery.of(Env.of("prod"), TenantId.of("acme"), KillSwitchAction.PURGE);
      await().atMost(Duration.ofSeconds(5)).until(() -> stores.killSwitches.check(query).blocked());
      assertThatThrownBy(() -> activities.purgeTenantObjects(acme))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOf(ApplicationFailure.class)
          .satisfies(
              f ->
                  assertThat(((ApplicationFailure) f).getType())
                      .isEqualTo(Failures.KILL_SWITCH_ENGAGED.type()))
          .hasMessageContaining("incident 7");
      assertThat(s3.snapshot("tenants/acme/")).hasSize(5);
    } finally {
      stores.killSwitchService.release(scope, "over", "user:oncall", "t");
    }
  }

  @Test
  void givenAPurgeForAnotherEnvironment_whenRun_thenItFailsWithoutRetryAndDeletesNothing() {
    s3.put("tenants/acme/f00", "abc");

    assertThatThrownBy(() -> activities.purgeTenantObjects(request("acme", "staging")))
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("env staging");
    assertThatThrownBy(
            () ->
                activities.purgeTenantObjects(
                    new PurgeRequest(
                        acme.purgeId(),
                        "acme/../x",
                        "prod",
                        "u",
                        "r",
                        null,
                        "t",
                        0,
                        false,
                        0,
                        0,
                        0)))
        .rootCause()
        .hasMessageContaining("tenantId");
    assertThat(s3.snapshot("tenants/acme/")).hasSize(1);
  }

  @Test
  void givenATenantInOnePage_whenPlanned_thenThePlanPurgesItAndStartsNoRange() {
    IntStream.range(0, 30)
        .forEach(i -> s3.put("tenants/acme/uploads/%x%02d".formatted(i % 16, i), "abc"));
    s3.put("tenants/acme/packs/p1", "abc");
    s3.put("tenants/acme-eu/uploads/000", "abc");

    StoragePlan plan = activities.planTenantShards(acme);

    assertThat(plan.shards()).isEmpty();
    assertThat(plan.done()).isEqualTo(new StepResult(PurgeStep.STORAGE, 31, 93));
    // the same paged purge as a range: it heartbeats its cursor at page boundaries (10 keys here;
    // Temporal throttles what gets through) and its totals are exact
    assertThat(heartbeats)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.objects()).isIn(10L, 20L, 30L, 31L))
        .allSatisfy(c -> assertThat(c.lastKey()).startsWith("tenants/acme/"));
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/uploads/000");
  }

  @Test
  void givenAnEmptyTenant_whenPlanned_thenThePlanIsDoneWithZero() {
    s3.put("tenants/acme-eu/uploads/000", "abc");

    StoragePlan plan = activities.planTenantShards(acme);

    assertThat(plan.shards()).isEmpty();
    assertThat(plan.done()).isEqualTo(new StepResult(PurgeStep.STORAGE, 0, 0));
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/uploads/000");
  }

  @Test
  void givenAPlan_whenEveryRangeIsPurged_thenAllGoOnceAndTheNeighbourStays() {
    IntStream.range(0, 1_000)
        .parallel()
        .forEach(i -> s3.put("tenants/acme/uploads/%x%03d".formatted(i % 16, i), "abc"));
    s3.put("tenants/acme/packs/p1", "abc");
    s3.put("tenants/acme-eu/uploads/000", "abc");

    StoragePlan plan = activities.planTenantShards(acme);
    long items = 0;
    for (StorageShard shard : plan.shards()) {
      items += activities.purgeTenantShard(acme, shard).items();
    }

    // 1,001 keys do not fit in one page: ranges, the small folder one, the large one the rest
    assertThat(plan.done()).isNull();
    assertThat(plan.shards()).hasSizeGreaterThan(2);
    assertThat(plan.lanes()).isEqualTo(4);
    assertThat(items).isEqualTo(1_001);
    assertThat(s3.snapshot("tenants/")).containsOnlyKeys("tenants/acme-eu/uploads/000");
  }

  @Test
  void givenARangeOutsideTheTenant_whenRun_thenItFailsWithoutRetryAndDeletesNothing() {
    s3.put("tenants/acme-eu/uploads/000", "abc");
    StorageShard foreign = new StorageShard(0, "tenants/acme-eu/", null);

    assertThatThrownBy(() -> activities.purgeTenantShard(acme, foreign))
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("outside tenants/acme/")
        .satisfies(
            f ->
                assertThat(((ApplicationFailure) f).getType())
                    .isEqualTo(Failures.INVALID_REQUEST.type()));
    assertThat(s3.snapshot("tenants/acme-eu/")).hasSize(1);
  }
}
