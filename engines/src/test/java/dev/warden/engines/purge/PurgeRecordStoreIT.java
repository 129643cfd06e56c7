package dev.warden.engines.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.util.ArrayList;
import java.util.List;
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
  private PurgeRecord request;

  @BeforeEach
  void setUp() {
    store = new PurgeRecordStore(new DbFixture(DevStackExtension.endpoints()).jdbc());
    TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
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
      store.complete(refused.purgeId(), end, "stopped", "{}");

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
}
