package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.web.RefusalAudit;
import dev.warden.api.web.RequestAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.documents.DocumentId;
import dev.warden.engines.documents.TenantDocument;
import dev.warden.engines.documents.TenantDocumentStore;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.killswitch.CachedKillSwitches;
import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchProperties;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.killswitch.KillSwitchStore;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * Every kind of kill-switch scope against every gated route, on the real servers: a covering switch
 * refuses the route with a 503 naming it (and nothing happens), any other switch leaves it working.
 */
class GateIT extends AbstractDevStackApiTest {

  private static final String TENANT = "acme";
  private static final String SEED_DOC = "gate-seed";

  /** The gated routes, called the way a tenant client would, each with fresh names. */
  enum Route {
    PRESIGN {
      RequestEntity<?> request(String tenant, String n) {
        return RequestEntity.post("/v1/tenants/{t}/uploads/presign", tenant)
            .body(Map.of("fileName", n + ".txt", "contentType", "text/plain", "sizeBytes", 10));
      }
    },
    INDEX {
      RequestEntity<?> request(String tenant, String n) {
        return RequestEntity.put("/v1/tenants/{t}/documents/{d}", tenant, n)
            .body(Map.of("text", "gate probe " + n));
      }
    },
    SEARCH {
      RequestEntity<?> request(String tenant, String n) {
        return RequestEntity.get("/v1/tenants/{t}/search?q=probe", tenant).build();
      }
    },
    PACK {
      RequestEntity<?> request(String tenant, String n) {
        return RequestEntity.post("/v1/tenants/{t}/packs", tenant)
            .body(Map.of("name", n, "documentIds", List.of(SEED_DOC)));
      }
    };

    abstract RequestEntity<?> request(String tenant, String n);
  }

  static final Set<Route> ALL = EnumSet.allOf(Route.class);
  static final Set<Route> NONE = EnumSet.noneOf(Route.class);

  @Autowired TenantDocumentStore documents;
  @Autowired DatasetEventStore events;
  @Autowired MeterRegistry meters;
  @Autowired KillSwitchStore killSwitchStore;
  @Autowired ObjectMapper json;

  @BeforeEach
  void cleanState() {
    releaseAllSwitches();
    documents.index(
        Env.of("prod"),
        TenantId.of(TENANT),
        new TenantDocument(DocumentId.of(SEED_DOC), "the document every pack holds", null));
  }

  @AfterEach
  void releaseEverything() {
    releaseAllSwitches();
  }

  static Stream<Arguments> scopes() {
    return Stream.of(
        row("global", null, null, null, null, ALL),
        row("env prod", "prod", null, null, null, ALL),
        row("tenant acme", null, "acme", null, null, ALL),
        row("provider s3", null, null, "s3", null, EnumSet.of(Route.PRESIGN, Route.PACK)),
        row(
            "provider opensearch",
            null,
            null,
            "opensearch",
            null,
            EnumSet.of(Route.INDEX, Route.SEARCH, Route.PACK)),
        row("action upload", null, null, null, "upload", EnumSet.of(Route.PRESIGN)),
        row("action index", null, null, null, "index", EnumSet.of(Route.INDEX)),
        row("action search", null, null, null, "search", EnumSet.of(Route.SEARCH)),
        row("action pack", null, null, null, "pack", EnumSet.of(Route.PACK)),
        row("tenant acme + action search", null, "acme", null, "search", EnumSet.of(Route.SEARCH)),
        row("prod + acme + s3", "prod", "acme", "s3", null, EnumSet.of(Route.PRESIGN, Route.PACK)),
        // Switches that must not stop acme's routes in prod:
        row("tenant acme-eu", null, "acme-eu", null, null, NONE),
        row("tenant acm", null, "acm", null, null, NONE),
        row("env staging", "staging", null, null, null, NONE),
        row("action purge", null, null, null, "purge", NONE),
        row("action reconcile", null, null, null, "reconcile", NONE),
        row("tenant acme-eu + action upload", null, "acme-eu", null, "upload", NONE),
        row("env staging + tenant acme", "staging", "acme", null, null, NONE),
        row("provider llm:openai", null, null, "llm:openai", null, NONE));
  }

  private static Arguments row(
      String name, String env, String tenant, String provider, String action, Set<Route> blocked) {
    return Arguments.of(name, KillSwitchSpec.parse(env, tenant, provider, action), blocked);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void givenAnEngagedSwitch_whenEveryGatedRouteIsCalled_thenExactlyTheCoveredOnesAreRefused(
      String name, KillSwitchSpec scope, Set<Route> blocked) {
    KillSwitch engaged = killSwitches.engage(scope, "gate table: " + name, "user:ops", null, null);
    cachedKillSwitches.refresh(); // this instance now enforces it: a pass below is not luck

    for (Route route : Route.values()) {
      String n = "gate-" + UUID.randomUUID();
      ResponseEntity<JsonNode> answer = http.exchange(route.request(TENANT, n), JsonNode.class);

      if (blocked.contains(route)) {
        assertRefusedBy(engaged, answer);
        if (route == Route.INDEX) {
          assertThat(documents.get(Env.of("prod"), TenantId.of(TENANT), List.of(DocumentId.of(n))))
              .as("a refused index call indexes nothing")
              .isEmpty();
        }
      } else {
        assertThat(answer.getStatusCode().is2xxSuccessful())
            .as("%s under switch %s: %s", route, name, answer.getBody())
            .isTrue();
      }
    }
  }

  @Test
  void givenATenantActionSwitch_whenItsRouteIsRefused_thenAnEventAMetricAndATimingAreRecorded() {
    String tenant = "gate-" + Long.toString(System.nanoTime(), 36);
    KillSwitch engaged =
        killSwitches.engage(
            KillSwitchSpec.parse(null, tenant, null, "upload"),
            "incident 42",
            "user:ops",
            null,
            null);
    cachedKillSwitches.refresh();
    double blockedBefore = blockedCount();
    long timedBefore = routeCount("upload", "blocked");
    String trace = "gate-it-" + UUID.randomUUID();

    ResponseEntity<JsonNode> answer =
        http.exchange(
            RequestEntity.post("/v1/tenants/{t}/uploads/presign", tenant)
                .header(RequestContext.TRACE_HEADER, trace)
                .body(Map.of("fileName", "a.txt", "sizeBytes", 1)),
            JsonNode.class);

    assertRefusedBy(engaged, answer);
    assertThat(answer.getHeaders().get(RequestContext.TRACE_HEADER)).containsExactly(trace);
    assertThat(answer.getBody().get("detail").asText())
        .contains("tenantId=" + tenant + ",action=upload")
        .contains("incident 42");
    List<DatasetEvent> blocked =
        events.findByTenant(tenant, "prod", 100).stream()
            .filter(e -> e.type() == DatasetEventType.KILL_SWITCH_BLOCKED)
            .toList();
    assertThat(blocked).hasSize(1);
    DatasetEvent event = blocked.get(0);
    assertThat(event.actor()).isEqualTo("client:warden-tenant"); // the token's client
    assertThat(event.traceId()).isEqualTo(trace);
    assertThat(event.attributes())
        .containsEntry("action", "upload")
        .containsEntry("providers", "s3")
        .containsEntry("switchId", engaged.id().toString())
        .containsEntry("scope", "tenantId=" + tenant + ",action=upload")
        .containsEntry("scope.tenantId", tenant)
        .containsEntry("reason", "incident 42")
        .containsEntry("engagedBy", "user:ops");
    assertThat(blockedCount()).isEqualTo(blockedBefore + 1);
    assertThat(routeCount("upload", "blocked")).isEqualTo(timedBefore + 1);
  }

  @Test
  void givenNoSwitch_whenRoutesSucceedOrFailOnInput_thenTheRouteTimerSaysSo() {
    long success = routeCount("search", "success");
    long clientError = routeCount("search", "client_error");

    http.getForEntity("/v1/tenants/acme/search?q=probe", JsonNode.class);
    http.getForEntity("/v1/tenants/acme/search?q=probe&size=0", JsonNode.class);

    assertThat(routeCount("search", "success")).isEqualTo(success + 1);
    assertThat(routeCount("search", "client_error")).isEqualTo(clientError + 1);
  }

  @Test
  void givenSwitchesThatCannotBeKnown_whenTheGateChecks_thenItRefusesWithUnavailable() {
    // A real evaluator that has not loaded yet: exactly what a stale cache answers (fail closed).
    CachedKillSwitches neverLoaded =
        new CachedKillSwitches(
            killSwitchStore, null, KillSwitchProperties.defaults(), Clock.systemUTC());
    KillSwitchGate gate =
        new KillSwitchGate(
            neverLoaded,
            new RefusalAudit(
                new RequestAudit(events, Clock.systemUTC()),
                Clock.systemUTC(),
                java.time.Duration.ofSeconds(60)),
            meters);

    GateProblem refused =
        catchThrowableOfType(
            () ->
                gate.enforce(
                    Env.of("prod"),
                    TenantId.of(TENANT),
                    KillSwitchAction.SEARCH,
                    List.of(Provider.OPENSEARCH),
                    new RequestContext("user:alice", "t1")),
            GateProblem.class);

    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.type().toString()).isEqualTo("urn:warden:problem:kill-switch-unavailable");
    assertThat(refused.headers()).containsEntry("Retry-After", "5");
    neverLoaded.close();
  }

  private void assertRefusedBy(KillSwitch engaged, ResponseEntity<JsonNode> answer) {
    assertProblem(answer, HttpStatus.SERVICE_UNAVAILABLE, "urn:warden:problem:kill-switch-engaged");
    JsonNode body = answer.getBody();
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    assertThat(json.convertValue(body.get("scope"), Map.class))
        .isEqualTo(engaged.scope().dimensions());
    assertThat(body.get("switchId").asText()).isEqualTo(engaged.id().toString());
    assertThat(body.get("reason").asText()).isEqualTo(engaged.reason());
    assertThat(body.get("engagedBy").asText()).isEqualTo(engaged.engagedBy());
    assertThat(body.get("engagedAt").asText()).isEqualTo(engaged.engagedAt().toString());
    assertThat(body.get("title").asText()).isEqualTo("Kill switch engaged");
  }

  private double blockedCount() {
    Counter counter =
        meters
            .find("warden.gate.blocked")
            .tags("action", "upload", "gate", "kill_switch")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private long routeCount(String action, String outcome) {
    Timer timer = meters.find("warden.route").tags("action", action, "outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }
}
