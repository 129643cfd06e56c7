package dev.warden.engines.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class PurgeRecordStoreIT {

  private PurgeRecordStore store;
  private TenantLocks locks;
  private TenantId tenant;
  private PurgeRecord request;

  @BeforeEach
  void setUp() {
    var jdbc = new DbFixture(DevStackExtension.endpoints()).jdbc();
    store = new PurgeRecordStore(jdbc);
    locks = new TenantLocks(jdbc);
    tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    request =
        PurgeRecord.requested(
            tenant, Env.of("prod"), "user:dpo", "GDPR art. 17", "GDPR-1", "trace");
  }

  @Test
  void givenManyConcurrentRequestsForOneTenant_whenAdmitted_thenExactlyOneIsCreated()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<PurgeRecordStore.Admission>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(() -> store.admit(request, r -> "tenant-purge/prod/" + r.tenantId()));
    }
    List<PurgeRecordStore.Admission> admissions = new ArrayList<>();
    for (Future<PurgeRecordStore.Admission> f : pool.invokeAll(calls)) {
      admissions.add(f.get());
    }
    pool.shutdown();

    assertThat(admissions).filteredOn(PurgeRecordStore.Admission::created).hasSize(1);
    assertThat(admissions)
        .extracting(a -> a.purge().purgeId())
        .containsOnly(admissions.get(0).purge().purgeId());
  }

  @Test
  void givenAFinishedPurge_whenTheTenantIsPurgedAgain_thenANewPurgeIsAdmitted() {
    PurgeRecord first = store.admit(request, r -> "wf").purge();
    store.markRunning(first.purgeId(), "run-1");
    store.recordStep(first.purgeId(), "STORAGE", 3, 30);
    store.recordStep(first.purgeId(), "STORAGE", 3, 30);
    store.complete(
        first.purgeId(), PurgeState.COMPLETED, "completed", "{\"status\":\"COMPLETED\"}");

    PurgeRecordStore.Admission second = store.admit(request, r -> "wf");

    assertThat(second.created()).isTrue();
    assertThat(second.purge().purgeId()).isNotEqualTo(first.purgeId());
    PurgeRecord done = store.find(first.purgeId()).orElseThrow();
    assertThat(done.status()).isEqualTo(PurgeState.COMPLETED);
    assertThat(done.runId()).isEqualTo("run-1");
    assertThat(done.deletedItems()).isEqualTo(3);
    assertThat(done.deletedBytes()).isEqualTo(30);
    assertThat(store.receipt(first.purgeId()))
        .hasValueSatisfying(r -> assertThat(r).contains("COMPLETED"));
    assertThat(store.list(request.tenantId(), PurgeState.COMPLETED, 10))
        .extracting(PurgeRecord::purgeId)
        .containsExactly(first.purgeId());
  }

  @Test
  void givenAPurgeAwaitingApproval_whenAnotherIsAsked_thenItIsActiveAndHoldsTheTenant() {
    PurgeRecord first = store.admit(request.requiringApprovals(2), r -> "wf").purge();
    store.setStatus(first.purgeId(), PurgeState.AWAITING_APPROVAL, null, "waiting");
    store.recordApproval(first.purgeId(), "user:dpo-2");
    store.recordApproval(first.purgeId(), "user:dpo-2");
    store.recordApproval(first.purgeId(), "user:dpo-3");

    PurgeRecordStore.Admission again = store.admit(request, r -> "wf");

    assertThat(again.created()).isFalse();
    assertThat(again.purge().purgeId()).isEqualTo(first.purgeId());
    assertThat(again.purge().approvalsRequired()).isEqualTo(2);
    assertThat(again.purge().approvedBy()).containsExactly("user:dpo-2", "user:dpo-3");
    assertThat(store.active(10_000)).extracting(PurgeRecord::purgeId).contains(first.purgeId());
    assertThat(store.markFailed(first.purgeId(), "stranded")).isTrue();
  }

  @Test
  void givenAPurgeRejectedOrExpired_whenTheTenantIsPurgedAgain_thenANewPurgeIsAdmitted() {
    for (PurgeState end : new PurgeState[] {PurgeState.REJECTED, PurgeState.EXPIRED}) {
      PurgeRecord refused = store.admit(request.requiringApprovals(1), r -> "wf").purge();
      store.setStatus(refused.purgeId(), PurgeState.AWAITING_APPROVAL, null, "waiting");
      assertThat(locks.find(tenant, Env.of("prod"))).isPresent();
      store.complete(refused.purgeId(), end, "stopped", "{}");
      assertThat(locks.find(tenant, Env.of("prod"))).as("released after %s", end).isEmpty();

      PurgeRecordStore.Admission next = store.admit(request, r -> "wf");

      assertThat(next.created()).as("after %s", end).isTrue();
      assertThat(store.find(refused.purgeId()).orElseThrow().status()).isEqualTo(end);
      assertThat(end.isActive()).isFalse();
      store.complete(next.purge().purgeId(), PurgeState.CANCELLED, "stopped", "{}");
    }
  }

  @Test
  void givenADryRun_whenApprovalsAreAsked_thenItNeedsNone() {
    PurgeRecord dryRun =
        PurgeRecord.requested(
                TenantId.of(request.tenantId()),
                Env.of("prod"),
                "user:dpo",
                "r",
                null,
                "t",
                0,
                true)
            .requiringApprovals(1);

    assertThat(dryRun.approvalsRequired()).isZero();
  }

  @Test
  void givenAdmissions_whenPurgesEnd_thenTheLockIsHeldUntilCancelOrReopenAndDryRunsTakeNone() {
    Env prod = Env.of("prod");
    TenantId neighbour = TenantId.of(tenant.value() + "-eu");
    PurgeRecord dryRun =
        store
            .admit(
                PurgeRecord.requested(tenant, prod, "user:dpo", "count", null, "t", 0, true),
                r -> "wf")
            .purge();
    assertThat(locks.find(tenant, prod)).isEmpty();
    store.complete(dryRun.purgeId(), PurgeState.COMPLETED, "dry run", "{}");

    PurgeRecord cancelled = store.admit(request, r -> "wf").purge();
    assertThat(locks.find(tenant, prod))
        .map(TenantLocks.Lock::purgeId)
        .hasValue(cancelled.purgeId());
    assertThat(locks.find(neighbour, prod)).isEmpty();
    store.complete(cancelled.purgeId(), PurgeState.CANCELLED, "stopped", "{}");
    assertThat(locks.find(tenant, prod)).isEmpty();

    PurgeRecord completed = store.admit(request, r -> "wf").purge();
    store.complete(completed.purgeId(), PurgeState.COMPLETED, "completed", "{}");
    assertThat(locks.find(tenant, prod))
        .map(TenantLocks.Lock::purgeId)
        .hasValue(completed.purgeId());
    assertThat(locks.release(cancelled.purgeId())).as("an older purge's release").isFalse();
    assertThat(locks.notePresign(tenant, prod, Instant.now().plusSeconds(60)))
        .map(TenantLocks.Lock::purgeId)
        .hasValue(completed.purgeId());

    PurgeRecord notStarted = store.admit(request, r -> "wf").purge();
    assertThat(locks.find(tenant, prod))
        .map(TenantLocks.Lock::purgeId)
        .hasValue(notStarted.purgeId());
    store.markNotStarted(notStarted.purgeId(), "Temporal refused the start");
    assertThat(locks.find(tenant, prod))
        .as("a purge that never started puts back the completed purge's lock")
        .map(TenantLocks.Lock::purgeId)
        .hasValue(completed.purgeId());
    PurgeRecord last = store.admit(request, r -> "wf").purge();
    store.complete(last.purgeId(), PurgeState.COMPLETED, "completed", "{}");

    assertThat(locks.reopen(tenant, prod)).map(TenantLocks.Lock::purgeId).hasValue(last.purgeId());
    assertThat(locks.find(tenant, prod)).isEmpty();
    assertThat(locks.reopen(tenant, prod)).isEmpty();
    assertThat(locks.notePresign(tenant, prod, Instant.now().plusSeconds(60))).isEmpty();
  }

  @Test
  void givenPresignsRacingAnAdmission_whenAllSettle_thenThePurgeWaitsOutEveryUrlThatWasHandedOut()
      throws Exception {
    Env prod = Env.of("prod");
    Instant base = Instant.now().plusSeconds(600);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Optional<Instant>>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant validUntil = base.plusSeconds(i);
      calls.add(
          () ->
              locks.notePresign(tenant, prod, validUntil).isEmpty()
                  ? Optional.of(validUntil)
                  : Optional.empty());
      if (i == 20) {
        calls.add(
            () -> {
              store.admit(request, r -> "wf");
              return Optional.empty();
            });
      }
    }
    List<Instant> handedOut = new ArrayList<>();
    Instant first = base.minusSeconds(1);
    assertThat(locks.notePresign(tenant, prod, first)).isEmpty();
    handedOut.add(first);
    for (Future<Optional<Instant>> f : pool.invokeAll(calls)) {
      f.get().ifPresent(handedOut::add);
    }
    pool.shutdown();

    PurgeRecord purge = store.findActive(tenant.value(), "prod").orElseThrow();
    Instant deletionsStart = purge.requestedAt().plusSeconds(purge.gracePeriodSeconds());
    assertThat(handedOut).allSatisfy(until -> assertThat(deletionsStart).isAfterOrEqualTo(until));
    assertThat(locks.notePresign(tenant, prod, base)).as("refused once admitted").isPresent();
  }
}
