package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.activities.PurgeActivities;
import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.CuttableProxy;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.indexpurge.IndexCursor;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * OpenSearch goes away in the middle of the INDEX step (the proxy the worker reaches it through is
 * cut: a real socket, refused connections) and comes back: the purge waits, saying so, instead of
 * asking an operator, then finishes exactly with residue 0 and the neighbour untouched.
 */
@ExtendWith(DevStackExtension.class)
class StoreOutageIT {

  static final int DOCS = 1_500;
  static final int PAGE = 5;

  @Test
  void givenOpenSearchCutMidStep_whenItComesBack_thenThePurgeWaitedAndCompletesExactly()
      throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture();
        CuttableProxy proxy =
            new CuttableProxy(URI.create(stores.endpoints.openSearchUrl()).getPort())) {
      String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
      String neighbour = tenant + "-eu";
      seed(stores.openSearch, tenant, DOCS);
      seed(stores.openSearch, neighbour, 20);
      PurgeRequest request = stores.admitPurge(tenant);
      UUID purgeId = UUID.fromString(request.purgeId());
      String workflowId = "it-outage/" + tenant;
      TenantIndexStore throughProxy =
          new TenantIndexStore(OpenSearchClients.create("http://127.0.0.1:" + proxy.port()));
      WorkerFactory worker = temporal.worker(stores.activities(Env.of("prod"), PAGE, throughProxy));

      temporal.start(workflowId, request);
      long deletedBeforeCut =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> heartbeatedDocs(temporal, workflowId), n -> n >= 100);
      proxy.cut();

      PurgeRecord waiting =
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> stores.purges.find(purgeId).orElseThrow(),
                  p ->
                      p.statusDetail() != null
                          && p.statusDetail().startsWith("waiting for OpenSearch"));
      assertThat(waiting.status()).isEqualTo(PurgeState.RUNNING);
      assertThat(waiting.currentStep()).isEqualTo("INDEX");
      assertThat(waiting.statusDetail()).contains("OpenSearch unreachable");
      // What Temporal UI shows as the workflow's current details.
      String details =
          temporal
              .client
              .newUntypedWorkflowStub(workflowId)
              .query("__temporal_workflow_metadata", WorkflowMetadata.class)
              .getCurrentDetails();
      assertThat(details).contains("waiting for OpenSearch");
      assertThat(
              temporal
                  .client
                  .newWorkflowStub(TenantPurgeWorkflow.class, workflowId)
                  .progress()
                  .lastFailure())
          .startsWith("waiting for OpenSearch");
      proxy.restore();

      PurgeOutcome outcome =
          temporal
              .client
              .newUntypedWorkflowStub(workflowId)
              .getResult(180, TimeUnit.SECONDS, PurgeOutcome.class);
      worker.shutdownNow();

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      assertThat(outcome.receipt().residue().nothingLeft()).isTrue();
      assertThat(stores.index.count(TenantId.of(tenant), "docs-prod")).isZero();
      assertThat(stores.index.count(TenantId.of(neighbour), "docs-prod")).isEqualTo(20);
      // A bulk that OpenSearch applied while its answer was cut off is deleted but not counted:
      // at most one page short per lane (each lane may have one bulk in flight), never more than
      // there was.
      long counted =
          outcome.steps().stream()
              .filter(s -> s.step() == PurgeStep.INDEX)
              .mapToLong(s -> s.items())
              .sum();
      assertThat(counted)
          .isBetween((long) DOCS - (long) PurgeActivities.DEFAULT_INDEX_LANES * PAGE, (long) DOCS);
      assertThat(stores.purges.find(purgeId).orElseThrow().status())
          .isEqualTo(PurgeState.COMPLETED);
      assertThat(stores.events.findByTenant(tenant, "prod", 500))
          .noneMatch(e -> e.type().name().equals("STEP_FAILED"));
      System.out.printf(
          "OpenSearch cut after %d of %d docs; waited (%s); completed, counted %d%n",
          deletedBeforeCut, DOCS, waiting.statusDetail(), counted);
    }
  }

  private static void seed(OpenSearchClient search, String tenant, int count) throws Exception {
    if (!search.indices().exists(e -> e.index("docs-prod")).value()) {
      try {
        search
            .indices()
            .create(
                c ->
                    c.index("docs-prod")
                        .mappings(
                            m ->
                                m.properties("tenant_id", p -> p.keyword(k -> k))
                                    .properties("text", p -> p.text(t -> t))));
      } catch (OpenSearchException raced) {
        // another test created it meanwhile
      }
    }
    List<BulkOperation> ops = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      String id = tenant + ":" + n;
      Map<String, Object> doc = Map.of("tenant_id", tenant, "text", "document " + n);
      ops.add(
          BulkOperation.of(
              o -> o.index(i -> i.index("docs-prod").id(id).routing(tenant).document(doc))));
    }
    search.bulk(b -> b.operations(ops));
    search.indices().refresh(r -> r.index("docs-prod"));
  }

  private static long heartbeatedDocs(TemporalFixture temporal, String workflowId) {
    var description =
        temporal
            .service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(workflowId))
                    .build());
    return description.getPendingActivitiesList().stream()
        .filter(a -> a.hasHeartbeatDetails())
        .filter(a -> a.getActivityType().getName().equals("PurgeTenantDocuments"))
        .mapToLong(
            a ->
                DefaultDataConverter.STANDARD_INSTANCE
                    .fromPayloads(
                        0,
                        Optional.of(a.getHeartbeatDetails()),
                        IndexCursor.class,
                        IndexCursor.class)
                    .deleted())
        .max()
        .orElse(0);
  }
}
