package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** Who the audit names, what refusals cost (nothing but a metric), and the open/closed extras. */
class IdentityIT extends AbstractDevStackApiTest {

  @Autowired DatasetEventStore events;
  @Autowired MeterRegistry meters;

  @Test
  void givenALegalToken_whenAHoldIsPlacedWithAForgedActorHeader_thenTheTokensClientIsTheActor() {
    String tenant = "identity-hold";

    ResponseEntity<JsonNode> placed =
        http.exchange(
            RequestEntity.put("/v1/tenants/{t}/legal-hold", tenant)
                .header("X-Warden-Actor", "mallory")
                .body(Map.of("reason", "litigation L-1")),
            JsonNode.class);

    assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(placed.getBody().get("placedBy").asText()).isEqualTo("client:warden-legal");
    List<DatasetEvent> audit =
        events.findByTenant(tenant, "prod", 10).stream()
            .filter(e -> e.type() == DatasetEventType.LEGAL_HOLD_PLACED)
            .toList();
    assertThat(audit).extracting(DatasetEvent::actor).containsExactly("client:warden-legal");
    http.delete("/v1/tenants/{t}/legal-hold?reason=done", tenant);
  }

  @Test
  void
      givenAnOperatorToken_whenASwitchChangesWithAForgedActorHeader_thenTheHistoryNamesTheClient() {
    Map<String, Object> body =
        Map.of("scope", Map.of("tenantId", "identity-ks"), "state", "ENGAGED", "reason", "test");

    ResponseEntity<JsonNode> engaged =
        http.exchange(
            RequestEntity.put("/v1/kill-switches")
                .header("X-Warden-Actor", "mallory")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.role("operator-2")))
                .body(body),
            JsonNode.class);
    releaseAllSwitches();

    assertThat(engaged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engaged.getBody().at("/switch/engagedBy").asText())
        .isEqualTo("client:warden-operator-2");
    assertThat(engaged.getBody().toString()).doesNotContain("mallory");
  }

  @Test
  void
      givenAFloodOfRefusedCalls_whenTheTenantThenCalls_thenNoEventWasWrittenNoRateTokenTakenButCounted() {
    String tenant = "identity-flood";
    String otherTenantsToken = TestTokens.tenant("identity-intruder");
    int eventsBefore = events.findByTenant(tenant, "prod", 1000).size();
    double tenantRefusals = refused("other_tenant");
    double missingTokens = refused("missing_token");
    double searchForbidden = gateOutcome("search", "forbidden");
    double searchUnauthorized = gateOutcome("search", "unauthorized");

    for (int i = 0; i < 120; i++) { // more than the tenant's search rate limit per minute
      int status =
          http.exchange(
                  RequestEntity.get("/v1/tenants/{t}/search?q=x", tenant)
                      .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(otherTenantsToken))
                      .build(),
                  JsonNode.class)
              .getStatusCode()
              .value();
      assertThat(status).isEqualTo(403);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(noToken("/v1/tenants/" + tenant + "/search?q=x")).isEqualTo(401);
    }

    assertThat(events.findByTenant(tenant, "prod", 1000)).hasSize(eventsBefore);
    assertThat(refused("other_tenant") - tenantRefusals).isEqualTo(120);
    assertThat(refused("missing_token") - missingTokens).isEqualTo(5);
    // ... and in the one gate-outcome shape, under the gated route's class.
    assertThat(gateOutcome("search", "forbidden") - searchForbidden).isEqualTo(120);
    assertThat(gateOutcome("search", "unauthorized") - searchUnauthorized).isEqualTo(5);
    assertThat(meters.find(AuthRefusals.METRIC).tag("tenant", tenant).counters()).isEmpty();
    // The tenant's own bucket is untouched: its first real call is served.
    assertThat(
            http.getForEntity("/v1/tenants/{t}/search?q=x", JsonNode.class, tenant).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void givenTheActuator_whenCalled_thenHealthIsOpenAndMetricsNeedAnOperator() throws Exception {
    double otherUnauthorized = gateOutcome("other", "unauthorized");
    assertThat(noToken("/actuator/health")).isEqualTo(200);
    assertThat(noToken("/actuator/prometheus")).isEqualTo(401);
    assertThat(gateOutcome("other", "unauthorized") - otherUnauthorized)
        .as("a route without gates counts as route class other")
        .isEqualTo(1);
    assertThat(withToken("/actuator/prometheus", TestTokens.role("auditor"))).isEqualTo(403);
    // (@SpringBootTest turns the Prometheus export off: operators are shown through /metrics.)
    assertThat(withToken("/actuator/metrics", TestTokens.role("operator"))).isEqualTo(200);
    assertThat(withToken("/actuator/metrics", TestTokens.role("auditor"))).isEqualTo(403);
    assertThat(withToken("/actuator/metrics", TestTokens.tenant("acme"))).isEqualTo(403);
    // The kill-switch snapshot has been loaded (+Inf before) and is refreshed (bound generous for
    // a loaded machine; the poll runs every 250 ms).
    assertThat(meters.get("warden.killswitch.cache.age.seconds").gauge().value())
        .isBetween(0.0, 30.0);
  }

  @Test
  void givenTheApiDocs_whenReadWithoutAToken_thenTheyDeclareTheBearerScheme() {
    ResponseEntity<JsonNode> docs =
        http.exchange(
            RequestEntity.get("/v3/api-docs").header(HttpHeaders.AUTHORIZATION, "").build(),
            JsonNode.class);

    assertThat(noToken("/swagger-ui.html")).isIn(200, 302);
    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docs.getBody().at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(docs.getBody().at("/security/0").has("bearer")).isTrue();
  }

  private double gateOutcome(String routeClass, String outcome) {
    Counter counter =
        meters
            .find(dev.warden.api.gate.GateOutcomes.METRIC)
            .tags("route_class", routeClass, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double refused(String reason) {
    Counter counter = meters.find(AuthRefusals.METRIC).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private int noToken(String path) {
    return withToken(path, null);
  }

  private int withToken(String path, String token) {
    RequestEntity.HeadersBuilder<?> request = RequestEntity.get(path);
    // An empty Authorization header keeps the test interceptor from adding a token.
    request.header(HttpHeaders.AUTHORIZATION, token == null ? "" : TestTokens.bearer(token));
    return http.exchange(request.build(), String.class).getStatusCode().value();
  }
}
