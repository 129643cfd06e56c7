package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Nothing of a purge's reason, ticket or requester reaches Temporal in clear: a client without the
 * codec reads only ciphertext; the API's codec route decodes it for staff and nobody else.
 */
class PayloadEncryptionIT extends AbstractPurgeApiTest {

  @Autowired WorkflowServiceStubs service;

  private final String tenant = "codec-" + UUID.randomUUID().toString().substring(0, 8);
  private final String reason = "erasure of subject " + UUID.randomUUID();
  private final String ticket = "TICKET-" + UUID.randomUUID();

  @Test
  void givenAPurge_whenItsHistoryIsReadWithoutTheCodec_thenNoReasonTicketOrRequesterBytes()
      throws Exception {
    String id = dryRun();
    WorkflowClient plain =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    var history = plain.fetchHistory("tenant-purge/prod/" + tenant).getHistory();
    String bytes = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);

    assertThat(history.getEventsCount()).isGreaterThan(5);
    assertThat(bytes)
        .doesNotContain(reason)
        .doesNotContain(ticket)
        .doesNotContain("client:warden-compliance");

    HistoryEvent started = history.getEvents(0);
    assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    List<Payload> input =
        started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList();
    Map<String, Object> body =
        Map.of("payloads", input.stream().map(PayloadEncryptionIT::json).toList());

    ResponseEntity<JsonNode> decoded = decode(body, TestTokens.role("operator"));
    assertThat(decoded.getStatusCode()).isEqualTo(HttpStatus.OK);
    String clear =
        new String(
            Base64.getDecoder().decode(decoded.getBody().at("/payloads/0/data").asText()),
            StandardCharsets.UTF_8);
    assertThat(clear).contains(reason).contains(ticket).contains(id);

    assertThat(decode(body, TestTokens.role("auditor")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(decode(body, TestTokens.tenant(tenant)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // Without WARDEN_TEMPORAL_CODEC_LOCAL_UI (the local Web UI's allowance), no token, no decode,
    // even from this machine.
    var anonymous =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(http.getRootUri() + "/v1/temporal/codec/decode"))
                    .header("Content-Type", "application/json")
                    .header("X-Namespace", "default")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    Map<String, Object> unknownKey =
        Map.of(
            "payloads",
            input.stream()
                .map(
                    p ->
                        p.toBuilder()
                            .putMetadata(
                                "encryption-key-id",
                                com.google.protobuf.ByteString.copyFromUtf8("retired-long-ago"))
                            .build())
                .map(PayloadEncryptionIT::json)
                .toList());
    ResponseEntity<JsonNode> refused = decode(unknownKey, TestTokens.role("operator"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("detail").asText()).contains("retired-long-ago");
  }

  private ResponseEntity<JsonNode> decode(Map<String, Object> body, String token) {
    return http.exchange(
        RequestEntity.post("/v1/temporal/codec/decode")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
            .header("X-Namespace", "default")
            .body(body),
        JsonNode.class);
  }

  private String dryRun() {
    ResponseEntity<JsonNode> answer =
        http.postForEntity(
            "/v1/purges",
            Map.of(
                "tenantId",
                tenant,
                "env",
                "prod",
                "reason",
                reason,
                "ticket",
                ticket,
                "dryRun",
                true),
            JsonNode.class);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String id = answer.getBody().get("purgeId").asText();
    awaitStatus(id, "COMPLETED");
    return id;
  }

  private static Map<String, Object> json(Payload p) {
    Base64.Encoder b64 = Base64.getEncoder();
    Map<String, String> metadata = new LinkedHashMap<>();
    p.getMetadataMap().forEach((k, v) -> metadata.put(k, b64.encodeToString(v.toByteArray())));
    return Map.of("metadata", metadata, "data", b64.encodeToString(p.getData().toByteArray()));
  }
}
