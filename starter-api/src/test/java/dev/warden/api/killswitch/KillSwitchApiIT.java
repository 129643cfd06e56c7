package dev.warden.api.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.api.security.TestTokens;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** Operators' kill-switch API over HTTP, on the real PostgreSQL. */
class KillSwitchApiIT extends AbstractDevStackApiTest {

  @Autowired ConfigurableApplicationContext context;

  private final List<KillSwitchReleased> released = new ArrayList<>();
  private final ApplicationListener<PayloadApplicationEvent<KillSwitchReleased>> listener =
      e -> released.add(e.getPayload());

  @BeforeEach
  void listen() {
    releaseAllSwitches();
    context.addApplicationListener(listener);
  }

  @AfterEach
  void clean() {
    context.removeApplicationListener(listener);
    releaseAllSwitches();
  }

  @Test
  void givenAnOperator_whenASwitchIsEngagedAndReleased_thenStateHistoryAndEventsFollow() {
    Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> scope = Map.of("tenantId", "acme", "action", "upload");

    ResponseEntity<JsonNode> engaged =
        put("operator", "trace-engage-1", body(scope, "ENGAGED", "incident 7", expiry));

    assertThat(engaged.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode s = engaged.getBody().get("switch");
    assertThat(engaged.getBody().get("state").asText()).isEqualTo("ENGAGED");
    assertThat(s.get("scopeKey").asText()).isEqualTo("tenantId=acme,action=upload");
    assertThat(s.get("scope").get("tenantId").asText()).isEqualTo("acme");
    assertThat(s.get("engagedBy").asText()).isEqualTo("client:warden-operator");
    assertThat(s.get("traceId").asText()).isEqualTo("trace-engage-1");
    assertThat(Instant.parse(s.get("expiresAt").asText())).isEqualTo(expiry);
    JsonNode during = http.getForObject("/v1/kill-switches", JsonNode.class);
    assertThat(during.get("current")).hasSize(1);
    assertThat(during.at("/current/0/switchId")).isEqualTo(s.get("switchId"));

    ResponseEntity<JsonNode> release =
        put("operator-2", "trace-release-1", body(scope, "RELEASED", "fixed", null));

    assertThat(release.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(release.getBody().get("state").asText()).isEqualTo("RELEASED");
    assertThat(release.getBody().at("/change/actor").asText())
        .isEqualTo("client:warden-operator-2");
    assertThat(release.getBody().at("/change/switchId")).isEqualTo(s.get("switchId"));
    assertThat(released)
        .containsExactly(
            new KillSwitchReleased(KillSwitchSpec.parse(null, "acme", null, "upload")));
    JsonNode after = http.getForObject("/v1/kill-switches?historyLimit=2", JsonNode.class);
    assertThat(after.get("current")).isEmpty();
    assertThat(after.get("history")).hasSize(2);
    assertThat(after.at("/history/0/state").asText()).isEqualTo("RELEASED");
    assertThat(after.at("/history/0/reason").asText()).isEqualTo("fixed");
    assertThat(after.at("/history/0/traceId").asText()).isEqualTo("trace-release-1");
    assertThat(after.at("/history/1/state").asText()).isEqualTo("ENGAGED");
    assertThat(after.at("/history/1/actor").asText()).isEqualTo("client:warden-operator");
    JsonNode events = http.getForObject("/v1/events?tenantId=acme", JsonNode.class);
    assertThat(events.findValuesAsText("traceId")).contains("trace-engage-1", "trace-release-1");
  }

  @Test
  void givenAGlobalScope_whenEngagedTwiceWithTheSameReason_thenOneSwitchAndOneHistoryEntry() {
    put("operator", "t1", body(Map.of(), "ENGAGED", "freeze", null));
    put("operator", "t2", body(Map.of(), "ENGAGED", "freeze", null));

    JsonNode state = http.getForObject("/v1/kill-switches?historyLimit=1000", JsonNode.class);
    assertThat(state.get("current")).hasSize(1);
    assertThat(state.at("/current/0/scopeKey").asText()).isEqualTo("global");
    assertThat(state.at("/history/0/traceId").asText()).isEqualTo("t1");
  }

  @Test
  void givenInvalidChanges_whenPut_thenEachIsAProblemNamingTheRule() {
    assertProblem(
        put("operator", "t", body(Map.of("tenantId", "ACME"), "ENGAGED", "r", null)),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-tenant-id");
    ResponseEntity<JsonNode> provider =
        put("operator", "t", body(Map.of("provider", "S3"), "ENGAGED", "r", null));
    assertProblem(provider, HttpStatus.BAD_REQUEST, "urn:warden:problem:invalid-request");
    assertThat(provider.getBody().get("rule").asText())
        .isEqualTo("s3|opensearch|llm:[a-z0-9-]{1,32}");
    ResponseEntity<JsonNode> action =
        put("operator", "t", body(Map.of("action", "delete"), "ENGAGED", "r", null));
    assertThat(action.getBody().get("rule").asText()).contains("upload|index|search|pack|purge");
    ResponseEntity<JsonNode> unknown =
        put("operator", "t", body(Map.of("tenant", "acme"), "ENGAGED", "r", null));
    assertProblem(unknown, HttpStatus.BAD_REQUEST, "urn:warden:problem:invalid-request");
    assertThat(unknown.getBody().get("detail").asText()).contains("'tenant'");
    assertProblem(
        put("operator", "t", body(null, "ENGAGED", "r", null)),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        put("operator", "t", body(Map.of("env", "prod"), "ENGAGED", " ", null)),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        put("operator", "t", body(Map.of("env", "prod"), "engaged", "r", null)),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        put(
            "operator",
            "t",
            body(Map.of("env", "prod"), "ENGAGED", "r", Instant.now().minusSeconds(5))),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        http.getForEntity("/v1/kill-switches?historyLimit=0", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertThat(http.getForObject("/v1/kill-switches", JsonNode.class).get("current")).isEmpty();
  }

  @Test
  void givenNothingEngaged_whenReleased_thenA404ProblemAndNoEvent() {
    ResponseEntity<JsonNode> answer =
        put(
            "operator",
            "t",
            body(Map.of("tenantId", "acme-eu"), "RELEASED", "nothing to do", null));

    assertProblem(answer, HttpStatus.NOT_FOUND, "urn:warden:problem:kill-switch-not-found");
    assertThat(answer.getBody().get("scope").get("tenantId").asText()).isEqualTo("acme-eu");
    assertThat(released).isEmpty();
  }

  /** Sends the change with a token of {@code role} (its client is the actor). */
  private ResponseEntity<JsonNode> put(String role, String trace, Map<String, Object> body) {
    return http.exchange(
        RequestEntity.put("/v1/kill-switches")
            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.role(role)))
            .header(RequestContext.TRACE_HEADER, trace)
            .body(body),
        JsonNode.class);
  }

  private static Map<String, Object> body(
      Map<String, String> scope, String state, String reason, Instant expiresAt) {
    // A member without a value is left out: null is never a value (docs/operations.md, JSON rules).
    Map<String, Object> body = new HashMap<>();
    if (scope != null) {
      body.put("scope", scope);
    }
    body.put("state", state);
    body.put("reason", reason);
    if (expiresAt != null) {
      body.put("expiresAt", expiresAt.toString());
    }
    return body;
  }
}
