package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.S3Fixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Compliance's controls through the API: dry run, legal hold, grace period, cancel, retry. */
class PurgeOperationsIT extends AbstractPurgeApiTest {

  S3Fixture s3;
  String tenant;

  @BeforeEach
  void setUp() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    tenant = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    IntStream.range(0, 7).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, "12345"));
  }

  @AfterEach
  void tearDown() {
    s3.close();
  }

  @Test
  void givenADryRun_whenItEnds_thenTheReceiptSaysWhatWouldGoAndNothingWent() {
    String id = start(Map.of("dryRun", true)).get("purgeId").asText();

    awaitStatus(id, "COMPLETED");
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);

    assertThat(receipt.get("dryRun").asBoolean()).isTrue();
    assertThat(receipt.at("/wouldDelete/objects").asLong()).isEqualTo(7);
    assertThat(receipt.at("/wouldDelete/objectBytes").asLong()).isEqualTo(35);
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(7);
  }

  @Test
  void givenALegalHold_whenAPurgeIsRequested_thenItIsRefusedAndAuditedUntilTheHoldIsLifted() {
    ResponseEntity<JsonNode> hold =
        http.exchange(
            "/v1/tenants/" + tenant + "/legal-hold",
            HttpMethod.PUT,
            new HttpEntity<>(Map.of("reason", "litigation 42")),
            JsonNode.class);
    assertThat(hold.getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<JsonNode> refused = post(Map.of());

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().get("type").asText()).isEqualTo("urn:warden:problem:legal-hold");
    assertThat(eventTypes()).contains("LEGAL_HOLD_PLACED", "PURGE_REFUSED");
    http.delete("/v1/tenants/" + tenant + "/legal-hold?reason=settled");
    String id = start(Map.of()).get("purgeId").asText();
    awaitStatus(id, "COMPLETED");
    assertThat(s3.count("tenants/" + tenant + "/")).isZero();
    assertThat(eventTypes()).contains("LEGAL_HOLD_RELEASED");
  }

  @Test
  void givenAGracePeriod_whenAHoldIsPlacedDuringIt_thenThePurgeStopsWithNothingDeleted() {
    String id = start(Map.of("gracePeriod", "PT1H")).get("purgeId").asText();
    awaitStatus(id, "WAITING_GRACE_PERIOD");

    http.exchange(
        "/v1/tenants/" + tenant + "/legal-hold",
        HttpMethod.PUT,
        new HttpEntity<>(Map.of("reason", "regulator inquiry")),
        JsonNode.class);
    awaitStatus(id, "CANCELLED");

    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(receipt.get("partial").asBoolean()).isTrue();
    assertThat(receipt.get("stopReason").asText()).contains("regulator inquiry");
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(7);
    http.delete("/v1/tenants/" + tenant + "/legal-hold?reason=done");
  }

  @Test
  void givenAGracePeriod_whenCancelled_thenThePurgeEndsAndCannotBeRetriedOrCancelledAgain() {
    String id = start(Map.of("gracePeriod", "PT1H")).get("purgeId").asText();
    awaitStatus(id, "WAITING_GRACE_PERIOD");
    assertThat(
            http.postForEntity("/v1/purges/" + id + "/retry", null, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<JsonNode> cancel =
        http.postForEntity(
            "/v1/purges/" + id + "/cancel", Map.of("reason", "request withdrawn"), JsonNode.class);
    assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    awaitStatus(id, "CANCELLED");

    assertThat(
            http.postForEntity(
                    "/v1/purges/" + id + "/cancel", Map.of("reason", "again"), JsonNode.class)
                .getBody()
                .get("type")
                .asText())
        .isEqualTo("urn:warden:problem:purge-finished");
    assertThat(s3.count("tenants/" + tenant + "/")).isEqualTo(7);
    assertThat(eventTypes()).contains("PURGE_CANCEL_REQUESTED", "PURGE_CANCELLED");
    JsonNode listed =
        http.getForObject("/v1/purges?tenantId=" + tenant + "&status=CANCELLED", JsonNode.class);
    assertThat(listed).hasSize(1);
  }

  private JsonNode start(Map<String, Object> extra) {
    ResponseEntity<JsonNode> answer = post(extra);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody();
  }

  private ResponseEntity<JsonNode> post(Map<String, Object> extra) {
    Map<String, Object> body =
        new HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "test"));
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
