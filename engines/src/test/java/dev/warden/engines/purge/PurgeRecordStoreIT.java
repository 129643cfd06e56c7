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
}
