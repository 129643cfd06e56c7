package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.storage.StorageSharding;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.Env;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import dev.warden.workflows.purge.TenantPurgeWorkflowImpl;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage step fanned out over key ranges on two workers polling one task queue, against the
 * devstack's S3Proxy: every object of the tenant goes, the counts are exact and the neighbours
 * whose ids extend the tenant's keep every byte.
 */
@ExtendWith(DevStackExtension.class)
class StorageFanOutIT {

  private static final StorageSharding SHARDING = new StorageSharding(16, 4);

  @Test
  void givenATenantAcrossFolders_whenPurgedByTwoWorkers_thenZeroResidueExactCountsNeighboursIntact()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      String tenant = "fan-" + UUID.randomUUID().toString().substring(0, 8);
      long bytes = 0;
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        keys.add("tenants/%s/uploads/%s/file-%d.bin".formatted(tenant, UUID.randomUUID(), i));
      }
      for (int i = 0; i < 1_100; i++) {
        keys.add("tenants/%s/reports/%s.csv".formatted(tenant, UUID.randomUUID()));
      }
      for (int i = 0; i < 20; i++) {
        keys.add("tenants/%s/packs/p%02d.bin".formatted(tenant, i));
      }
      keys.add("tenants/%s/readme.txt".formatted(tenant));
      for (String key : keys) {
        bytes += key.length();
      }
      keys.parallelStream().forEach(k -> stores.s3.put(k, k));
      for (String neighbour : List.of(tenant + "-eu", tenant + "2")) {
        for (String folder :
            List.of("uploads/0", "uploads/8", "uploads/f", "reports/a", "packs/p")) {
          stores.s3.put("tenants/" + neighbour + "/" + folder + ".bin", "of " + neighbour);
        }
      }
      Map<String, String> neighbours =
          new TreeMap<>(stores.s3.snapshot("tenants/" + tenant + "-eu/"));
      neighbours.putAll(stores.s3.snapshot("tenants/" + tenant + "2/"));

      PurgeRequest request = stores.admitPurge(tenant);
      PurgeActivities activities = stores.activities(Env.of("prod"), 100, 1, stores.s3, SHARDING);
      Map<String, Integer> shardsBy = new ConcurrentHashMap<>();
      CountDownLatch bothWorking = new CountDownLatch(2);
      WorkerFactory a = worker(temporal, "worker-a", activities, shardsBy, bothWorking);
      WorkerFactory b = worker(temporal, "worker-b", activities, shardsBy, bothWorking);
      PurgeOutcome outcome;
      try {
        outcome = temporal.purge("it-fan-out/" + tenant).purge(request);
      } finally {
        a.shutdownNow();
        b.shutdownNow();
      }

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      assertThat(outcome.steps())
          .filteredOn(s -> s.step() == PurgeStep.STORAGE)
          .singleElement()
          .isEqualTo(new StepResult(PurgeStep.STORAGE, keys.size(), bytes));
      assertThat(outcome.receipt().residue().objects()).isZero();
      assertThat(stores.s3.snapshot("tenants/" + tenant + "/")).isEmpty();
      Map<String, String> after = new TreeMap<>(stores.s3.snapshot("tenants/" + tenant + "-eu/"));
      after.putAll(stores.s3.snapshot("tenants/" + tenant + "2/"));
      assertThat(after).isEqualTo(neighbours).hasSize(10);
      // both workers purged ranges; all 16 ranges ran, each once
      assertThat(shardsBy.keySet()).containsExactlyInAnyOrder("worker-a", "worker-b");
      assertThat(shardsBy.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
      var history = temporal.client.fetchHistory("it-fan-out/" + tenant).getHistory();
      Set<String> identities =
          history.getEventsList().stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
              .map(e -> e.getActivityTaskStartedEventAttributes().getIdentity())
              .collect(Collectors.toSet());
      assertThat(identities).contains("worker-a", "worker-b");
    }
  }

  @Test
  void givenAnEmptyAndASmallTenant_whenPurged_thenOneStorageActivityZeroResidueNeighbourIntact()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      String small = "one-" + UUID.randomUUID().toString().substring(0, 8);
      String empty = "none-" + UUID.randomUUID().toString().substring(0, 8);
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        keys.add("tenants/%s/uploads/%s/f.bin".formatted(small, UUID.randomUUID()));
      }
      keys.add("tenants/%s/packs/p.bin".formatted(small));
      keys.add("tenants/%s/readme.txt".formatted(small));
      long bytes = keys.stream().mapToLong(String::length).sum();
      keys.parallelStream().forEach(k -> stores.s3.put(k, k));
      for (String tenant : List.of(small, empty)) {
        stores.s3.put("tenants/" + tenant + "-eu/uploads/0.bin", "of " + tenant + "-eu");
      }
      Map<String, String> neighbours =
          new TreeMap<>(stores.s3.snapshot("tenants/" + small + "-eu/"));
      neighbours.putAll(stores.s3.snapshot("tenants/" + empty + "-eu/"));
      WorkerFactory worker =
          temporal.worker(stores.activities(Env.of("prod"), 100, 1, stores.s3, SHARDING));
      try {
        for (String tenant : List.of(small, empty)) {
          PurgeOutcome outcome = purge(stores, temporal, tenant);
          long expected = tenant.equals(small) ? keys.size() : 0;
          assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
          assertThat(outcome.steps())
              .filteredOn(s -> s.step() == PurgeStep.STORAGE)
              .singleElement()
              .isEqualTo(
                  new StepResult(PurgeStep.STORAGE, expected, tenant.equals(small) ? bytes : 0));
          assertThat(outcome.receipt().residue().objects()).isZero();
          assertThat(stores.s3.snapshot("tenants/" + tenant + "/")).isEmpty();
          // the plan purged the one page itself: no key range was scheduled
          assertThat(
                  temporal
                      .client
                      .fetchHistory("it-small/" + tenant)
                      .getHistory()
                      .getEventsList()
                      .stream()
                      .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                      .map(
                          e ->
                              e.getActivityTaskScheduledEventAttributes()
                                  .getActivityType()
                                  .getName())
                      .filter(name -> name.contains("Tenant") && name.contains("Shard")))
              .containsExactly("PlanTenantShards");
        }
      } finally {
        worker.shutdownNow();
      }
      Map<String, String> after = new TreeMap<>(stores.s3.snapshot("tenants/" + small + "-eu/"));
      after.putAll(stores.s3.snapshot("tenants/" + empty + "-eu/"));
      assertThat(after).isEqualTo(neighbours).hasSize(2);
    }
  }

  private static PurgeOutcome purge(
      ActivityFixture stores, TemporalFixture temporal, String tenant) {
    PurgeRequest request = stores.admitPurge(tenant);
    return temporal.purge("it-small/" + tenant).purge(request);
  }

  /**
   * A worker of its own identity that runs the workflow and the activities, one activity at a time,
   * and holds its first range until the other worker has started one: with four ranges offered at
   * once, each worker then takes at least one, whichever polls first.
   */
  private static WorkerFactory worker(
      TemporalFixture temporal,
      String identity,
      PurgeActivities activities,
      Map<String, Integer> shardsBy,
      CountDownLatch bothWorking) {
    WorkflowClient client =
        WorkflowClient.newInstance(
            temporal.service, WorkflowClientOptions.newBuilder().setIdentity(identity).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker =
        factory.newWorker(
            temporal.taskQueue,
            PurgeWorkerOptions.apply(WorkerOptions.newBuilder(), false)
                .setMaxConcurrentActivityExecutionSize(1)
                .build());
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    StorageActivities storage = activities.storage();
    worker.registerActivitiesImplementations(
        activities.records(),
        new StorageActivities() {
          @Override
          public StepResult purgeTenantObjects(PurgeRequest request) {
            return storage.purgeTenantObjects(request);
          }

          @Override
          public StoragePlan planTenantShards(PurgeRequest request) {
            return storage.planTenantShards(request);
          }

          @Override
          public StepResult purgeTenantShard(PurgeRequest request, StorageShard shard) {
            boolean first = shardsBy.merge(identity, 1, Integer::sum) == 1;
            if (first) {
              bothWorking.countDown();
              awaitQuietly(bothWorking);
            }
            return storage.purgeTenantShard(request, shard);
          }
        },
        activities.index(),
        activities.logs(),
        activities.inventory(),
        activities.preflight(),
        activities.guard());
    factory.start();
    return factory;
  }

  // Bounded: should the other worker never start a range, the test fails on its assertion. It
  // heartbeats meanwhile (no cursor yet), so the 20 s heartbeat timeout does not retry the range.
  private static void awaitQuietly(CountDownLatch latch) {
    try {
      for (int i = 0; i < 24 && !latch.await(5, TimeUnit.SECONDS); i++) {
        Activity.getExecutionContext().heartbeat(null);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
