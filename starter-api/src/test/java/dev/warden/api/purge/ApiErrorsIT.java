package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.DbFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every error is problem+json; bodies and free-text fields are bounded; holds keep who placed them.
 */
class ApiErrorsIT extends AbstractPurgeApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  final String tenant = "err-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void givenA3MbReason_whenAPurgeIsRequested_thenItIsRefused413AtOnceAndNothingIsStored()
      throws Exception {
    String body =
        json.writeValueAsString(
            Map.of("tenantId", tenant, "env", "prod", "reason", "x".repeat(3_000_000)));
    long started = System.nanoTime();

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/purges"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestTokens.bearer(TestTokens.role("compliance")))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(answer.body()).get("type").asText())
        .isEqualTo("urn:warden:problem:payload-too-large");
    assertThat(http.getForObject("/v1/purges?tenantId=" + tenant, JsonNode.class)).isEmpty();
  }

  @Test
  void givenOverlongReasons_whenCancellingOrHoldingOrSwitching_thenEachIs400NamingTheField() {
    String tooLong = "y".repeat(2_001);
    ResponseEntity<JsonNode> cancel =
        http.postForEntity(
            "/v1/purges/" + UUID.randomUUID() + "/cancel",
            Map.of("reason", tooLong),
            JsonNode.class);
    ResponseEntity<JsonNode> hold =
        http.exchange(
            "/v1/tenants/" + tenant + "/legal-hold",
            HttpMethod.PUT,
            new HttpEntity<>(Map.of("reason", tooLong)),
            JsonNode.class);
    ResponseEntity<JsonNode> kill =
        http.exchange(
            "/v1/kill-switches",
            HttpMethod.PUT,
            new HttpEntity<>(
                Map.of("scope", Map.of("tenantId", tenant), "state", "ENGAGED", "reason", tooLong)),
            JsonNode.class);

    for (ResponseEntity<JsonNode> answer : List.of(cancel, hold, kill)) {
      assertThat(answer.getStatusCode())
          .as("%s", answer.getBody())
          .isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(answer.getBody().get("field").asText()).isEqualTo("reason");
    }
  }

  @Test
  void givenAStandingHold_whenPlacedAgainByAnother_thenTheFirstPlacerStaysAndOneEventIsRecorded() {
    place("litigation 1");
    JsonNode again = place("litigation 2");

    assertThat(again.get("placedBy").asText()).isEqualTo("client:warden-legal");
    assertThat(again.get("reason").asText()).isEqualTo("litigation 1");
    assertThat(eventTypes()).containsOnlyOnce("LEGAL_HOLD_PLACED");
    http.delete("/v1/tenants/" + tenant + "/legal-hold?reason=done");
    assertThat(eventTypes()).containsOnlyOnce("LEGAL_HOLD_RELEASED");
  }

  @Test
  void
      givenAnAuditTrailThatRefusesTheEvent_whenAHoldIsLiftedOrAPurgeCancelled_thenNothingChanges() {
    // PostgreSQL itself refuses these events, so only a change in the event's transaction is
    // undone. The trigger is DDL: the owner places it, the app role may not.
    JdbcClient owner = new DbFixture(DevStackExtension.endpoints()).jdbc();
    String refused = "audit-refuses-" + tenant;
    owner
        .sql(
            """
            create or replace function refuse_marked_event() returns trigger language plpgsql as $$
            begin
              if new.attributes->>'reason' like 'audit-refuses-%' then
                raise exception 'audit refused';
              end if;
              return new;
            end $$""")
        .update();
    owner
        .sql(
            "create trigger refuse_marked_event before insert on dataset_events"
                + " for each row execute function refuse_marked_event()")
        .update();
    try {
      place("litigation 3");
      assertThat(
              http.exchange(
                      "/v1/tenants/" + tenant + "/legal-hold?reason=" + refused,
                      HttpMethod.DELETE,
                      null,
                      JsonNode.class)
                  .getStatusCode())
          .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
      assertThat(
              http.getForEntity("/v1/tenants/" + tenant + "/legal-hold", JsonNode.class)
                  .getStatusCode())
          .as("the hold stands")
          .isEqualTo(HttpStatus.OK);
      http.delete("/v1/tenants/" + tenant + "/legal-hold?reason=done");

      String id =
          http.postForObject(
                  "/v1/purges",
                  Map.of("tenantId", tenant, "env", "prod", "reason", "r", "gracePeriod", "PT1H"),
                  JsonNode.class)
              .get("purgeId")
              .asText();
      awaitStatus(id, "WAITING_GRACE_PERIOD");
      assertThat(
              http.postForEntity(
                      "/v1/purges/" + id + "/cancel", Map.of("reason", refused), JsonNode.class)
                  .getStatusCode())
          .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
      JsonNode purge = http.getForObject("/v1/purges/" + id, JsonNode.class);
      assertThat(purge.get("stopReason").isNull()).as("no stop flag: %s", purge).isTrue();
      assertThat(purge.get("status").asText()).isEqualTo("WAITING_GRACE_PERIOD");
      http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "done"), JsonNode.class);
      awaitStatus(id, "CANCELLED");
    } finally {
      owner.sql("drop trigger refuse_marked_event on dataset_events").update();
    }
    assertThat(eventTypes())
        .containsOnlyOnce("LEGAL_HOLD_RELEASED")
        .containsOnlyOnce("PURGE_CANCEL_REQUESTED");
  }

  @Test
  void
      givenAnUnexpectedException_whenCalled_then500InternalProblemWithTheTraceIdAndNoLibraryText() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Trace-Id", "trace-unexpected-1");

    ResponseEntity<String> answer =
        http.exchange(
            "/v1/purges/test-unexpected", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody())
        .contains("urn:warden:problem:internal", "trace-unexpected-1")
        .doesNotContain("hunter2", "IllegalStateException");
    ResponseEntity<JsonNode> error = http.getForEntity("/error", JsonNode.class);
    assertThat(error.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(error.getBody().get("type").asText()).isEqualTo("urn:warden:problem:internal");
  }

  private JsonNode place(String reason) {
    HttpHeaders headers = new HttpHeaders();
    return http.exchange(
            "/v1/tenants/" + tenant + "/legal-hold",
            HttpMethod.PUT,
            new HttpEntity<>(Map.of("reason", reason), headers),
            JsonNode.class)
        .getBody();
  }

  private List<String> eventTypes() {
    JsonNode events = http.getForObject("/v1/events?tenantId=" + tenant, JsonNode.class);
    return StreamSupport.stream(events.spliterator(), false)
        .map(e -> e.get("type").asText())
        .toList();
  }
}
