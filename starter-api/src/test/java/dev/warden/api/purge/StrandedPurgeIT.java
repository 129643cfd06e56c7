package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A purge whose workflow is gone (terminated in Temporal UI, or forgotten by a restarted in-memory
 * Temporal) must not lock its tenant: it ends FAILED with PURGE_FAILED and a new purge can start.
 */
class StrandedPurgeIT extends AbstractPurgeApiTest {

  @Autowired PurgeRecordStore records;
  @Autowired WorkflowClient temporal;
  @Autowired StrandedPurgeSweeper sweeper;
  String tenant;

  @BeforeEach
  void tenant() {
    tenant = "strand-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void givenAPurgeTemporalForgot_whenRead_thenProblemsNot500AndItEndsFailedAndANewPurgeStarts() {
    String id = forgottenPurge();

    ResponseEntity<JsonNode> progress =
        http.getForEntity("/v1/purges/" + id + "/progress", JsonNode.class);
    assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(progress.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(progress.getBody().get("type").asText())
        .isEqualTo("urn:warden:problem:workflow-gone");
    JsonNode purge = http.getForObject("/v1/purges/" + id, JsonNode.class);
    assertThat(purge.get("status").asText()).isEqualTo("FAILED");
    ResponseEntity<JsonNode> cancel =
        http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "x"), JsonNode.class);
    assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(cancel.getBody().get("type").asText())
        .isEqualTo("urn:warden:problem:purge-finished");
    assertThat(eventTypes()).containsOnlyOnce("PURGE_FAILED");

    ResponseEntity<JsonNode> fresh = post();
    assertThat(fresh.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(fresh.getBody().get("purgeId").asText()).isNotEqualTo(id);
    awaitStatus(fresh.getBody().get("purgeId").asText(), "COMPLETED");
  }

  @Test
  void givenAPurgeTerminatedInTemporal_whenTheTenantIsPurgedAgain_thenTheOldOneFailedAndANewRuns() {
    ResponseEntity<JsonNode> first = post(Map.of("gracePeriod", "PT1H"));
    String id = first.getBody().get("purgeId").asText();
    awaitStatus(id, "WAITING_GRACE_PERIOD");
    temporal
        .newUntypedWorkflowStub(WorkflowIds.tenantPurge("prod", tenant))
        .terminate("operator in Temporal UI");

    ResponseEntity<JsonNode> fresh = post();

    assertThat(fresh.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(records.find(UUID.fromString(id)).orElseThrow().status())
        .isEqualTo(PurgeState.FAILED);
    ResponseEntity<JsonNode> retry =
        http.postForEntity("/v1/purges/" + id + "/retry", null, JsonNode.class);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(retry.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    awaitStatus(fresh.getBody().get("purgeId").asText(), "COMPLETED");
  }

  @Test
  void givenAStrandedPurgeAwaitingApprovalNobodyReads_whenTheSweeperRuns_thenItEndsFailed() {
    UUID id = UUID.fromString(forgottenPurge(PurgeState.AWAITING_APPROVAL, null));

    sweeper.sweep();

    PurgeRecord swept = records.find(id).orElseThrow();
    assertThat(swept.status()).isEqualTo(PurgeState.FAILED);
    assertThat(swept.statusDetail()).contains("Temporal no longer knows it");
    assertThat(eventTypes()).containsOnlyOnce("PURGE_FAILED");
  }

  /** A RUNNING record whose run Temporal does not know, as after Temporal's store was lost. */
  private String forgottenPurge() {
    return forgottenPurge(PurgeState.RUNNING, "STORAGE");
  }

  private String forgottenPurge(PurgeState status, String step) {
    PurgeRecord request =
        PurgeRecord.requested(TenantId.of(tenant), Env.of("prod"), "user:dpo", "r", null, "t");
    PurgeRecord stored =
        records.admit(request, r -> WorkflowIds.tenantPurge(r.env(), r.tenantId())).purge();
    records.markRunning(stored.purgeId(), UUID.randomUUID().toString());
    records.setStatus(stored.purgeId(), status, step, "as the workflow left it");
    return stored.purgeId().toString();
  }

  private ResponseEntity<JsonNode> post() {
    return post(Map.of());
  }

  private ResponseEntity<JsonNode> post(Map<String, Object> extra) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "test"));
    body.putAll(extra);
    return http.postForEntity("/v1/purges", body, JsonNode.class);
  }

  private List<String> eventTypes() {
    JsonNode events = http.getForObject("/v1/events?tenantId=" + tenant, JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .map(e -> e.get("type").asText())
        .toList();
  }
}
