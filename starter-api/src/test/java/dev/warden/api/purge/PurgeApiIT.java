package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.S3Fixture;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Compliance's path end to end: HTTP API → Temporal → worker → S3Proxy and PostgreSQL. */
class PurgeApiIT extends AbstractPurgeApiTest {

  static final int ACME_OBJECTS = 350;
  static S3Fixture s3;

  @Autowired WorkflowClient temporal;

  @AfterEach
  void reopenAcme() {
    reopen("acme"); // the data-route tests write for acme too
  }

  @BeforeAll
  static void seed() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    s3.clear();
    IntStream.range(0, ACME_OBJECTS)
        .forEach(i -> s3.put("tenants/acme/uploads/f%04d.txt".formatted(i), "acme-" + i));
    for (String tenant : List.of("acme-eu", "acme2", "acm")) {
      IntStream.range(0, 5).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, tenant + i));
    }
    s3.put("tenants/acme.txt", "not inside the tenant folder");
    s3.put("other/acme/x", "another root");
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void givenTenantsWithSharedPrefixes_whenAcmeIsPurgedThroughTheApi_thenOnlyAcmeIsGoneAndAudited() {
    Map<String, String> others = new TreeMap<>(s3.snapshot(""));
    others.keySet().removeIf(k -> k.startsWith("tenants/acme/"));
    long acmeBytes = IntStream.range(0, ACME_OBJECTS).mapToLong(i -> ("acme-" + i).length()).sum();
    // A short grace period keeps the first purge certainly running when we ask again.
    Map<String, String> body =
        Map.of(
            "tenantId",
            "acme",
            "env",
            "prod",
            "reason",
            "GDPR art. 17",
            "ticket",
            "GDPR-123",
            "gracePeriod",
            "PT3S");
    ResponseEntity<JsonNode> first = http.postForEntity("/v1/purges", body, JsonNode.class);
    ResponseEntity<JsonNode> repeat = http.postForEntity("/v1/purges", body, JsonNode.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    String purgeId = first.getBody().get("purgeId").asText();
    assertThat(repeat.getBody().get("purgeId").asText()).isEqualTo(purgeId);
    assertThat(first.getBody().get("workflowId").asText()).isEqualTo("tenant-purge/prod/acme");

    JsonNode done = awaitStatus(purgeId, "COMPLETED");

    assertThat(done.at("/deleted/objects").asLong()).isEqualTo(ACME_OBJECTS);
    assertThat(done.at("/deleted/bytes").asLong()).isEqualTo(acmeBytes);
    assertThat(done.get("requestedBy").asText()).isEqualTo("client:warden-compliance");
    assertThat(done.get("startedAt").isNull()).isFalse();
    assertThat(done.get("completedAt").isNull()).isFalse();
    assertThat(done.get("statusDetail").asText())
        .as("the final detail, not the last step's")
        .matches("completed: \\d+ items deleted, verification found nothing left");
    assertThat(s3.snapshot("tenants/acme/")).isEmpty();
    assertThat(s3.snapshot("")).isEqualTo(others);
    assertThat(eventTypes(purgeId))
        .containsExactly(
            "PURGE_REQUESTED",
            "STEP_STARTED",
            "STEP_COMPLETED", // storage
            "STEP_STARTED",
            "STEP_COMPLETED", // index
            "STEP_STARTED",
            "STEP_COMPLETED", // logs
            "PURGE_VERIFIED",
            "PURGE_COMPLETED");
    String runId = done.get("runId").asText();
    // The latest run of the tenant's workflow id is this purge's: the repeat started nothing.
    var latest =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId("tenant-purge/prod/acme"))
                    .build());
    assertThat(latest.getWorkflowExecutionInfo().getExecution().getRunId()).isEqualTo(runId);
  }

  @Test
  void givenBadTenantIds_whenAPurgeIsRequested_thenA400ProblemNamesTheRule() {
    for (String bad : List.of("acme/../x", "ACME", "acme eu", "*", "", "a%2f")) {
      ResponseEntity<JsonNode> answer =
          http.postForEntity(
              "/v1/purges", Map.of("tenantId", bad, "env", "prod", "reason", "r"), JsonNode.class);
      assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:warden:problem:invalid-tenant-id");
      assertThat(answer.getBody().get("rule").asText()).isEqualTo("[a-z0-9][a-z0-9-]{1,62}");
    }
  }

  @Test
  void givenAnotherEnvironment_whenAPurgeIsRequested_thenA400ProblemSaysWhichEnvIsServed() {
    ResponseEntity<JsonNode> answer =
        http.postForEntity(
            "/v1/purges",
            Map.of("tenantId", "acme", "env", "staging", "reason", "r"),
            JsonNode.class);

    assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:warden:problem:env-mismatch");
    assertThat(answer.getBody().get("deploymentEnv").asText()).isEqualTo("prod");
  }

  @Test
  void
      givenOversizedOrBlankFields_whenAPurgeIsRequested_thenA400ProblemNamesTheFieldAndAdmitsNothing() {
    String tenant = "invalid-body";
    Map<String, Map<String, String>> bodies =
        Map.of(
            "reason", Map.of("tenantId", tenant, "env", "prod", "reason", "r".repeat(2_001)),
            "ticket",
                Map.of("tenantId", tenant, "env", "prod", "reason", "r", "ticket", "t".repeat(201)),
            "gracePeriod",
                Map.of(
                    "tenantId",
                    tenant,
                    "env",
                    "prod",
                    "reason",
                    "r",
                    "gracePeriod",
                    "P".repeat(65)));
    bodies.forEach(
        (field, body) -> {
          ResponseEntity<JsonNode> answer = http.postForEntity("/v1/purges", body, JsonNode.class);
          assertProblem(answer, HttpStatus.BAD_REQUEST, "urn:warden:problem:invalid-request");
          assertThat(answer.getBody().get("field").asText()).isEqualTo(field);
          assertThat(answer.getBody().get("detail").asText()).startsWith(field + " ");
        });
    ResponseEntity<JsonNode> blank =
        http.postForEntity(
            "/v1/purges", Map.of("tenantId", tenant, "env", "prod", "reason", " "), JsonNode.class);
    assertProblem(blank, HttpStatus.BAD_REQUEST, "urn:warden:problem:invalid-request");
    assertThat(blank.getBody().get("field").asText()).isEqualTo("reason");

    assertThat(http.getForObject("/v1/purges?tenantId=" + tenant, JsonNode.class)).isEmpty();
  }

  @Test
  void givenBrokenOrIncompleteRequests_whenSent_thenEveryErrorIsProblemJson() {
    assertProblem(
        http.postForEntity("/v1/purges", Map.of("tenantId", "acme", "env", "prod"), JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        http.getForEntity("/v1/purges/00000000-0000-0000-0000-000000000000", JsonNode.class),
        HttpStatus.NOT_FOUND,
        "urn:warden:problem:purge-not-found");
    ResponseEntity<JsonNode> malformed =
        http.exchange(
            org.springframework.http.RequestEntity.post("/v1/purges")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{not json"),
            JsonNode.class);
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertProblem(
        http.getForEntity("/v1/events?tenantId=ACME", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-tenant-id");
  }

  private List<String> eventTypes(String purgeId) {
    JsonNode events = http.getForObject("/v1/events?tenantId=acme&env=prod", JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .filter(e -> purgeId.equals(e.at("/attributes/purgeId").asText()))
        .map(e -> e.get("type").asText())
        .toList();
  }

  private static void assertProblem(
      ResponseEntity<JsonNode> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo(type);
    assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
  }
}
