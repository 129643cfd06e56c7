package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch._types.Refresh;

/**
 * A log index the purge cannot search exactly parks the purge before anything is deleted; once the
 * index is fixed (here: reindexed with the shipper's dynamic mapping) a retry purges it through
 * {@code tenant_id.keyword} and verification comes out clean.
 */
@ExtendWith(DevStackExtension.class)
class LogIndexPreflightIT {

  @Test
  void givenAnUnpurgeableLogIndex_whenPurged_thenNothingIsDeletedUntilItIsFixed() throws Exception {
    String tenant = "pre-" + UUID.randomUUID().toString().substring(0, 8);
    String index = "logs-prod-" + tenant;
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      var search = stores.openSearch;
      search
          .indices()
          .create(
              c -> c.index(index).mappings(m -> m.properties("tenant_id", p -> p.text(t -> t))));
      logLine(stores, index, tenant);
      logLine(stores, index, tenant + "-eu");
      stores.s3.put("tenants/" + tenant + "/upload.txt", "hello");
      PurgeRequest request = stores.admitPurge(tenant);
      WorkerFactory worker = temporal.worker(stores.activities(Env.of("prod"), 10));
      try {
        temporal.start("it-preflight/" + tenant, request);
        PurgeRecord parked =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(
                    () -> stores.purges.find(UUID.fromString(request.purgeId())).orElseThrow(),
                    r -> r.status() == PurgeState.NEEDS_ATTENTION);

        assertThat(parked.statusDetail()).contains("preflight", "nothing deleted", index, "text");
        assertThat(parked.currentStep()).isNull();
        assertThat(stores.s3.count("tenants/" + tenant + "/")).isEqualTo(1);

        // The operator's fix: reindex with the mapping a shipper gives it (text + keyword).
        search.indices().delete(d -> d.index(index));
        logLine(stores, index, tenant);
        logLine(stores, index, tenant + "-eu");
        temporal
            .client
            .newWorkflowStub(TenantPurgeWorkflow.class, "it-preflight/" + tenant)
            .retry("user:operator");
        PurgeOutcome outcome =
            temporal
                .client
                .newUntypedWorkflowStub("it-preflight/" + tenant)
                .getResult(120, TimeUnit.SECONDS, PurgeOutcome.class);

        assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
        assertThat(outcome.receipt().residue().logDocuments()).isZero();
        assertThat(stores.s3.count("tenants/" + tenant + "/")).isZero();
        assertThat(stores.index.count(TenantId.of(tenant + "-eu"), index)).isEqualTo(1);
      } finally {
        worker.shutdownNow();
        // logs-prod-* is shared by every test of this run: leave no index behind.
        search.indices().delete(d -> d.index(index).ignoreUnavailable(true));
      }
    }
  }

  private static void logLine(ActivityFixture stores, String index, String tenant)
      throws Exception {
    stores.openSearch.index(
        i ->
            i.index(index)
                .id(tenant)
                .document(Map.of("tenant_id", tenant, "message", "login"))
                .refresh(Refresh.True));
  }
}
