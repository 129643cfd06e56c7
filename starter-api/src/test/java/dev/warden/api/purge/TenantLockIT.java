package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.S3Fixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * A tenant under purge takes no writes (uploads, indexing, packs) from its admission until an
 * operator re-opens it, or until a cancel; its neighbour and its reads carry on.
 */
class TenantLockIT extends AbstractPurgeApiTest {

  S3Fixture s3;
  String tenant;
  String neighbour;

  @BeforeEach
  void setUp() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    tenant = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    neighbour = tenant + "-eu";
    s3.put("tenants/" + tenant + "/f0", "12345");
  }

  @AfterEach
  void tearDown() {
    s3.close();
  }

  @Test
  void givenAPurgeInItsGracePeriod_whenTheTenantWrites_thenEachWriteIs423UntilTheCancel() {
    assertThat(index(tenant, "d1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = start(Map.of("gracePeriod", "PT1H")).get("purgeId").asText();
    awaitStatus(id, "WAITING_GRACE_PERIOD");

    for (ResponseEntity<JsonNode> refused :
        List.of(presign(tenant), index(tenant, "d2"), pack(tenant, "d1"))) {
      assertUnderPurge(refused, id);
    }
    assertThat(search(tenant).getStatusCode()).as("reads go on").isEqualTo(HttpStatus.OK);
    assertThat(presign(neighbour).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(index(neighbour, "d1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> early = reopen(tenant, Map.of("reason", "too early"));
    assertProblem(early, HttpStatus.CONFLICT, "urn:warden:problem:purge-active");
    assertThat(eventTypes()).contains("TENANT_WRITE_REFUSED").doesNotContain("TENANT_REOPENED");

    http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "withdrawn"), Void.class);
    awaitStatus(id, "CANCELLED");

    assertThat(index(tenant, "d2").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(presign(tenant).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertProblem(
        reopen(tenant, Map.of("reason", "nothing locked")),
        HttpStatus.CONFLICT,
        "urn:warden:problem:tenant-not-locked");
  }

  @Test
  void givenACompletedPurge_whenAnOperatorReopensTheTenant_thenWritesAreAcceptedAndAudited() {
    String id = start(Map.of()).get("purgeId").asText();
    awaitStatus(id, "COMPLETED");
    assertUnderPurge(index(tenant, "d1"), id);
    assertUnderPurge(presign(tenant), id);

    ResponseEntity<JsonNode> byTenant =
        http.exchange(
            RequestEntity.post("/v1/tenants/{t}/reopen", tenant)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.tenant(tenant)))
                .body(Map.of("reason", "let me in")),
            JsonNode.class);
    assertThat(byTenant.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertProblem(
        reopen(tenant, Map.of("reason", " ")),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        reopen(tenant, Map.of("reason", "x".repeat(2_001))),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertUnderPurge(index(tenant, "d1"), id);

    ResponseEntity<JsonNode> reopened = reopen(tenant, Map.of("reason", "new contract signed"));

    assertThat(reopened.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reopened.getBody().get("purgeId").asText()).isEqualTo(id);
    assertThat(index(tenant, "d1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode event = events("TENANT_REOPENED").get(0);
    assertThat(event.get("actor").asText())
        .isEqualTo(reopened.getBody().get("reopenedBy").asText());
    assertThat(event.get("actor").asText()).contains("operator");
    assertThat(event.at("/attributes/purgeId").asText()).isEqualTo(id);
    assertThat(event.at("/attributes/reason").asText()).isEqualTo("new contract signed");
  }

  @Test
  void givenAnUploadUrlIssuedBeforeThePurge_whenAdmitted_thenThePurgeWaitsItOutBeforeDeleting() {
    ResponseEntity<JsonNode> presigned = presign(tenant);
    assertThat(presigned.getStatusCode()).isEqualTo(HttpStatus.CREATED);

    JsonNode purge = start(Map.of());
    String id = purge.get("purgeId").asText();

    // 15 minutes of URL lifetime plus a margin: nothing is deleted before the URL is worthless.
    assertThat(purge.get("gracePeriodSeconds").asLong()).isGreaterThanOrEqualTo(15 * 60);
    awaitStatus(id, "WAITING_GRACE_PERIOD");
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(1);
    String reservation = presigned.getBody().get("reservationId").asText();
    assertUnderPurge(
        http.postForEntity(
            "/v1/tenants/{t}/uploads/{r}/complete", null, JsonNode.class, tenant, reservation),
        id);
    http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "test over"), Void.class);
    awaitStatus(id, "CANCELLED");
  }

  @Test
  void givenADryRun_whenItRunsAndEnds_thenTheTenantKeepsWriting() {
    String id = start(Map.of("dryRun", true)).get("purgeId").asText();
    assertThat(index(tenant, "d1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    awaitStatus(id, "COMPLETED");
    assertThat(presign(tenant).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  private void assertUnderPurge(ResponseEntity<JsonNode> answer, String purgeId) {
    assertProblem(answer, HttpStatus.LOCKED, "urn:warden:problem:tenant-under-purge");
    assertThat(answer.getBody().get("purgeId").asText()).isEqualTo(purgeId);
    assertThat(answer.getBody().get("detail").asText()).contains(purgeId).contains("reopen");
  }

  private static void assertProblem(
      ResponseEntity<JsonNode> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo(type);
  }

  private JsonNode start(Map<String, Object> extra) {
    Map<String, Object> body =
        new HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "lock test"));
    body.putAll(extra);
    ResponseEntity<JsonNode> answer = http.postForEntity("/v1/purges", body, JsonNode.class);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody();
  }

  private ResponseEntity<JsonNode> presign(String who) {
    return http.postForEntity(
        "/v1/tenants/{t}/uploads/presign",
        Map.of("fileName", "a.txt", "contentType", "text/plain", "sizeBytes", 4),
        JsonNode.class,
        who);
  }

  private ResponseEntity<JsonNode> index(String who, String docId) {
    return http.exchange(
        RequestEntity.put("/v1/tenants/{t}/documents/{d}", who, docId)
            .body(Map.of("text", who + " document")),
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> pack(String who, String docId) {
    return http.postForEntity(
        "/v1/tenants/{t}/packs",
        Map.of("name", "bundle", "documentIds", List.of(docId)),
        JsonNode.class,
        who);
  }

  private ResponseEntity<JsonNode> search(String who) {
    return http.getForEntity("/v1/tenants/{t}/search?q=document", JsonNode.class, who);
  }

  private ResponseEntity<JsonNode> reopen(String who, Map<String, Object> body) {
    return http.postForEntity("/v1/tenants/{t}/reopen", body, JsonNode.class, who);
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
}
