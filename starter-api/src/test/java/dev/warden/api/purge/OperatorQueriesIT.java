package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The runbook's searches for Temporal UI's workflow list ("Temporal UI: what an operator sees"),
 * asked through the real visibility API ({@code ListWorkflowExecutions}, which the UI calls) of
 * Temporal's dev server: one overdue purge in its grace period, one parked in NEEDS_ATTENTION.
 */
class OperatorQueriesIT extends AbstractPurgeApiTest {

  @Autowired WorkflowClient temporal;
  @Autowired OpenSearchClient search;

  @Test
  void givenAnOverdueAndAParkedPurge_whenTheRunbooksQueriesAreAsked_thenEachFindsItsPurges()
      throws Exception {
    String waitingTenant = "q-" + UUID.randomUUID().toString().substring(0, 8);
    String parkedTenant = "q-" + UUID.randomUUID().toString().substring(0, 8);
    Instant received = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
    JsonNode waiting =
        awaitStatus(
            start(waitingTenant, Map.of("receivedAt", received.toString(), "gracePeriod", "PT1H")),
            "WAITING_GRACE_PERIOD");
    String waitingId = waiting.get("workflowId").asText();

    // The preflight parks a purge whose tenant's log index has no exact tenant field.
    String index = "logs-prod-" + parkedTenant;
    search
        .indices()
        .create(c -> c.index(index).mappings(m -> m.properties("tenant_id", p -> p.text(t -> t))));
    String parkedId;
    String parkedPurge;
    try {
      parkedPurge = start(parkedTenant, Map.of());
      parkedId = awaitStatus(parkedPurge, "NEEDS_ATTENTION").get("workflowId").asText();
    } finally {
      search.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }

    try {
      // one tenant's purges
      assertThat(found("WardenTenant = \"" + waitingTenant + "\"")).containsExactly(waitingId);
      // purges waiting for an operator
      assertThat(found("WardenStatus = \"NEEDS_ATTENTION\""))
          .contains(parkedId)
          .doesNotContain(waitingId);
      // purges due before a date (late or soon): here, the overdue ones
      String overdue = "WardenDueAt < \"" + Instant.now() + "\" AND ExecutionStatus = \"Running\"";
      assertThat(found(overdue)).contains(waitingId).doesNotContain(parkedId);
      // a step across tenants (both are between steps: "-")
      String between =
          "WardenStep = \"-\" AND WardenEnv = \"prod\" AND WardenTenant IN (\""
              + waitingTenant
              + "\", \""
              + parkedTenant
              + "\")";
      assertThat(found(between)).containsExactlyInAnyOrder(waitingId, parkedId);
      assertThat(query("WardenEnv = \"staging\" AND WardenTenant = \"" + waitingTenant + "\""))
          .isEmpty();
      // ./warden temporal workflow list --query ... prints the same as the UI's list
      assertThat(
              temporal
                  .listExecutions("WardenTenant = \"" + parkedTenant + "\"")
                  .map(WorkflowExecutionMetadata::getWorkflowType)
                  .toList())
          .containsExactly("TenantPurgeWorkflow");
    } finally {
      for (String purge : List.of(waiting.get("purgeId").asText(), parkedPurge)) {
        http.postForEntity(
            "/v1/purges/" + purge + "/cancel", Map.of("reason", "test"), JsonNode.class);
      }
    }
    // A finished purge leaves the operator's lists of open work.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        query(
                            "WardenStatus = \"NEEDS_ATTENTION\" AND ExecutionStatus = \"Running\""))
                    .doesNotContain(parkedId));
  }

  /** Visibility is eventually consistent: the first non-empty answer within 15 s. */
  private List<String> found(String query) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> query(query), ids -> !ids.isEmpty());
  }

  /** The workflow ids the visibility API lists for {@code query}. */
  private List<String> query(String query) {
    return temporal
        .listExecutions(query)
        .map(e -> e.getExecution().getWorkflowId())
        .distinct()
        .toList();
  }

  private String start(String tenant, Map<String, Object> extra) {
    Map<String, Object> body =
        new HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "GDPR art. 17"));
    body.putAll(extra);
    ResponseEntity<JsonNode> answer = http.postForEntity("/v1/purges", body, JsonNode.class);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody().get("purgeId").asText();
  }
}
