package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two-person approval end to end, as a deployment outside {@code local} runs it (one approval
 * needed): the API with an in-process worker on the real servers and real tokens of two compliance
 * clients. Its own context, since every other purge test runs with approvals off.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InProcessWorker.class)
// A context of its own with an in-process worker on the shared task queues: closed after this
// class, so its worker cannot run other classes' activities (their worker-side meters would miss).
@DirtiesContext
class PurgeApprovalIT {

  static S3Fixture s3;

  @Autowired TestRestTemplate http;
  // The app's own Temporal client (its data converter encrypts payloads with the run's keys).
  @Autowired WorkflowClient temporal;
  String tenant;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
    // Unset, as in a production deployment: the prod default of one approval applies.
    registry.add("warden.purge.approvals", () -> "");
  }

  @BeforeAll
  static void s3() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @BeforeEach
  void setUp() {
    http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
    TestTokens.addTo(http.getRestTemplate());
    tenant = "approve-" + UUID.randomUUID().toString().substring(0, 8);
    s3.put("tenants/" + tenant + "/a.txt", "kept until approved");
  }

  @Test
  void givenAPurgeAwaitingApproval_whenTheRequesterApproves_thenForbiddenAndASecondUserStartsIt() {
    JsonNode purge = create("PT15S");
    String id = purge.get("purgeId").asText();
    assertThat(purge.get("approvalsRequired").asInt()).isEqualTo(1);
    awaitStatus(id, "AWAITING_APPROVAL");

    assertProblem(decide(id, "approve", "compliance", null), HttpStatus.FORBIDDEN, "own-purge");
    assertProblem(
        decide(id, "reject", "compliance", Map.of("reason", "mine")),
        HttpStatus.FORBIDDEN,
        "own-purge");
    assertProblem(
        decide(UUID.randomUUID().toString(), "approve", "compliance-2", null),
        HttpStatus.NOT_FOUND,
        "purge-not-found");
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(1);

    ResponseEntity<JsonNode> approved = personDecides(id, "approve", "compliance-2", null);
    assertThat(approved.getStatusCode())
        .as("%s", approved.getBody())
        .isEqualTo(HttpStatus.ACCEPTED);
    awaitStatus(id, "WAITING_GRACE_PERIOD");
    JsonNode done = awaitStatus(id, "COMPLETED");

    String requester = done.get("requestedBy").asText();
    List<String> approvers = texts(done.get("approvedBy"));
    assertThat(approvers).hasSize(1).doesNotContain(requester);
    assertThat(approvers.get(0)).isEqualTo("user:compliance-2");
    assertThat(s3.count("tenants/" + tenant + "/")).isZero();
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(texts(receipt.get("approvedBy"))).isEqualTo(approvers);
    JsonNode event = event("PURGE_APPROVED");
    assertThat(event.get("actor").asText()).isEqualTo(approvers.get(0));
    assertProblem(
        personDecides(id, "approve", "compliance-2", null),
        HttpStatus.CONFLICT,
        "purge-not-awaiting-approval");
  }

  @Test
  void givenAPurgeAwaitingApproval_whenASecondUserRejects_thenNothingIsDeletedAndANewOneMayStart() {
    String id = create(null).get("purgeId").asText();
    awaitStatus(id, "AWAITING_APPROVAL");
    assertProblem(
        personDecides(id, "reject", "compliance-2", Map.of("reason", " ")),
        HttpStatus.BAD_REQUEST,
        "invalid-request");

    ResponseEntity<JsonNode> rejected =
        personDecides(id, "reject", "compliance-2", Map.of("reason", "ticket does not match"));
    assertThat(rejected.getStatusCode())
        .as("%s", rejected.getBody())
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode done = awaitStatus(id, "REJECTED");

    assertThat(done.get("statusDetail").asText()).contains("ticket does not match");
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(1);
    JsonNode event = event("PURGE_REJECTED");
    assertThat(event.get("actor").asText()).isEqualTo("user:compliance-2");
    assertThat(event.get("attributes").get("reason").asText()).contains("ticket does not match");
    assertThat(eventTypes()).doesNotContain("STEP_STARTED");

    JsonNode next = create(null);
    assertThat(next.get("purgeId").asText()).isNotEqualTo(id);
    String nextId = next.get("purgeId").asText();
    awaitStatus(nextId, "AWAITING_APPROVAL");
    http.postForEntity(
        "/v1/purges/" + nextId + "/cancel", Map.of("reason", "test cleanup"), JsonNode.class);
    awaitStatus(nextId, "CANCELLED");
  }

  @Test
  void
      givenAnApprovalSignalledStraightToTemporal_whenItNamesCompliance2_thenItIsIgnoredAndEvented() {
    String id = create("PT1S").get("purgeId").asText();
    awaitStatus(id, "AWAITING_APPROVAL");
    // Anyone who reaches Temporal (a CLI, the Web UI's signal button) with the app's own client and
    // payload keys: the old signal naming a second person, and one naming no recorded decision.
    TenantPurgeWorkflow direct =
        temporal.newWorkflowStub(
            TenantPurgeWorkflow.class, WorkflowIds.tenantPurge("prod", tenant));
    direct.approve("user:compliance-2");
    direct.approvalRecorded(UUID.randomUUID().toString());

    List<JsonNode> refused =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> events("SIGNAL_REFUSED"), r -> r.size() == 2);
    JsonNode named =
        refused.stream()
            .filter(e -> "approve".equals(e.at("/attributes/signal").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(named.at("/attributes/claimedActor").asText()).isEqualTo("user:compliance-2");
    assertThat(named.at("/attributes/purgeId").asText()).isEqualTo(id);
    assertThat(named.at("/attributes/why").asText()).contains("instead of a decision");
    JsonNode still = http.getForObject("/v1/purges/" + id, JsonNode.class);
    assertThat(still.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(still.get("approvedBy")).isEmpty();
    assertThat(events("PURGE_APPROVED")).isEmpty();
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(1);

    ResponseEntity<JsonNode> approved = personDecides(id, "approve", "compliance-2", null);
    assertThat(approved.getStatusCode())
        .as("%s", approved.getBody())
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode done = awaitStatus(id, "COMPLETED");

    assertThat(texts(done.get("approvedBy"))).containsExactly("user:compliance-2");
    assertThat(s3.count("tenants/" + tenant + "/")).isZero();
    JsonNode requested = event("PURGE_APPROVE_REQUESTED");
    assertThat(requested.get("actor").asText()).isEqualTo("user:compliance-2");
    assertThat(requested.at("/attributes/decisionId").asText()).isNotBlank();
    assertThat(events("SIGNAL_REFUSED")).hasSize(2);
  }

  @Test
  void givenAServicesComplianceToken_whenItApproves_thenItIsNoSecondPersonAndNothingIsRecorded() {
    String id = create(null).get("purgeId").asText();
    awaitStatus(id, "AWAITING_APPROVAL");

    ResponseEntity<JsonNode> refused = decide(id, "approve", "compliance-2", null);
    assertProblem(refused, HttpStatus.FORBIDDEN, "person-required");
    assertThat(refused.getBody().get("detail").asText())
        .contains("client:warden-compliance-2")
        .contains("not a person");
    assertProblem(
        decide(id, "reject", "compliance-2", Map.of("reason", "a service")),
        HttpStatus.FORBIDDEN,
        "person-required");

    assertThat(http.getForObject("/v1/purges/" + id, JsonNode.class).get("status").asText())
        .isEqualTo("AWAITING_APPROVAL");
    assertThat(events("PURGE_APPROVE_REQUESTED")).isEmpty();
    assertThat(events("PURGE_REJECT_REQUESTED")).isEmpty();
    http.postForEntity(
        "/v1/purges/" + id + "/cancel", Map.of("reason", "test cleanup"), JsonNode.class);
    awaitStatus(id, "CANCELLED");
    assertThat(event("PURGE_CANCEL_REQUESTED").at("/attributes/decisionId").asText()).isNotBlank();
  }

  @Test
  void givenADryRun_whenApprovalsAreRequired_thenItRunsWithoutOne() {
    Map<String, Object> body = body(null);
    body.put("dryRun", true);
    ResponseEntity<JsonNode> created = http.postForEntity("/v1/purges", body, JsonNode.class);

    JsonNode done = awaitStatus(created.getBody().get("purgeId").asText(), "COMPLETED");
    assertThat(done.get("approvalsRequired").asInt()).isZero();
  }

  private JsonNode create(String grace) {
    ResponseEntity<JsonNode> created =
        http.postForEntity("/v1/purges", body(grace), JsonNode.class);
    assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return created.getBody();
  }

  private Map<String, Object> body(String grace) {
    Map<String, Object> body =
        new HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "GDPR art. 17"));
    if (grace != null) {
      body.put("gracePeriod", grace);
    }
    return body;
  }

  private ResponseEntity<JsonNode> decide(
      String id, String decision, String role, Map<String, String> body) {
    return decideWith(id, decision, TestTokens.role(role), body);
  }

  /** As a person (code + PKCE sign-in of the local user), not a service's client. */
  private ResponseEntity<JsonNode> personDecides(
      String id, String decision, String user, Map<String, String> body) {
    return decideWith(id, decision, TestTokens.person(user), body);
  }

  private ResponseEntity<JsonNode> decideWith(
      String id, String decision, String token, Map<String, String> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(
        "/v1/purges/" + id + "/" + decision,
        HttpMethod.POST,
        new HttpEntity<>(body, headers),
        JsonNode.class);
  }

  private JsonNode awaitStatus(String purgeId, String status) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> http.getForObject("/v1/purges/" + purgeId, JsonNode.class),
            p -> status.equals(p.get("status").asText()));
  }

  private JsonNode event(String type) {
    JsonNode events = http.getForObject("/v1/events?tenantId=" + tenant, JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .filter(e -> type.equals(e.get("type").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
  }

  private List<JsonNode> events(String type) {
    JsonNode events = http.getForObject("/v1/events?tenantId=" + tenant, JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .filter(e -> type.equals(e.get("type").asText()))
        .toList();
  }

  private List<String> eventTypes() {
    JsonNode events = http.getForObject("/v1/events?tenantId=" + tenant, JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .map(e -> e.get("type").asText())
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static void assertProblem(
      ResponseEntity<JsonNode> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:warden:problem:" + type);
  }
}
