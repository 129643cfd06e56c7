package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.engines.documents.DocumentId;
import dev.warden.engines.documents.TenantDocument;
import dev.warden.engines.documents.TenantDocumentStore;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaLimits;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The rate-limit gate on the real servers, one tenant per test with a small override in the quota
 * ledger: headers that match the policy, the 429 answer, one audit event per window, the purge
 * route's class, and bad input that never costs a token.
 */
class RateLimitIT extends AbstractDevStackApiTest {

  private static final Pattern RATE_LIMIT = Pattern.compile("\"(\\w+)\";r=(\\d+);t=(\\d+)");

  @Autowired QuotaLedger ledger;
  @Autowired DatasetEventStore events;
  @Autowired TenantDocumentStore documents;
  @Autowired MeterRegistry meters;
  private String tenant;

  @BeforeEach
  void freshTenant() {
    releaseAllSwitches();
    tenant = "rl-" + Long.toString(System.nanoTime(), 36);
  }

  private void limit(String routeClass, String policy) {
    ledger.setLimits(
        TenantId.of(tenant),
        Env.of("prod"),
        new QuotaLimits(null, null, Map.of(routeClass, policy)),
        "user:test",
        "rate-limit test");
  }

  @Test
  void givenALimitOf3PerHour_whenSearching_thenHeadersCountDownAndTheFourthIsA429() {
    limit("search", "3/1h");
    double refusedBefore = gateRequests("search", "rate_limited");

    for (int remaining = 2; remaining >= 0; remaining--) {
      ResponseEntity<JsonNode> ok = search(tenant);
      assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(ok.getHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"search\";q=3;w=3600");
      Matcher m = rateLimit(ok);
      assertThat(Long.parseLong(m.group(2))).isEqualTo(remaining);
      assertThat(Long.parseLong(m.group(3))).isBetween(1L, 3600L);
      assertThat(ok.getHeaders().get("Retry-After")).isNull();
    }
    ResponseEntity<JsonNode> refused = search(tenant);
    ResponseEntity<JsonNode> again = search(tenant);

    assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "urn:warden:problem:rate-limited");
    long retryAfter = Long.parseLong(refused.getHeaders().getFirst("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 1200L); // one search per 20 minutes comes back
    assertThat(refused.getHeaders().getFirst("RateLimit-Policy"))
        .isEqualTo("\"search\";q=3;w=3600");
    Matcher m = rateLimit(refused);
    assertThat(m.group(2)).isEqualTo("0");
    assertThat(Long.parseLong(m.group(3))).isBetween(retryAfter, 3600L);
    JsonNode body = refused.getBody();
    assertThat(body.get("title").asText()).isEqualTo("Rate limited");
    assertThat(body.get("routeClass").asText()).isEqualTo("search");
    assertThat(body.get("policy").asText()).isEqualTo("3/1h");
    assertThat(body.get("capacity").asLong()).isEqualTo(3);
    assertThat(body.get("periodSeconds").asLong()).isEqualTo(3600);
    assertThat(body.get("remaining").asLong()).isZero();
    assertThat(body.get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
    assertThat(body.get("detail").asText()).contains(tenant).contains("3/1h");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(gateRequests("search", "rate_limited")).isEqualTo(refusedBefore + 2);
    List<DatasetEvent> limited =
        events.findByTenant(tenant, "prod", 50).stream()
            .filter(e -> e.type() == DatasetEventType.RATE_LIMITED)
            .toList();
    assertThat(limited).as("one event per tenant, class and window").hasSize(1);
    assertThat(limited.get(0).attributes())
        .containsEntry("routeClass", "search")
        .containsEntry("policy", "3/1h")
        .containsEntry("windowSeconds", "3600");
  }

  @Test
  void givenAPurgeLimitOf1_whenPurgesAreStarted_thenThePurgeClassRefusesTheSecond() {
    limit("purge", "1/1h");
    Map<String, Object> wrongEnv = Map.of("tenantId", tenant, "env", "staging", "reason", "t");
    Map<String, Object> purge = Map.of("tenantId", tenant, "env", "prod", "reason", "rl test");

    ResponseEntity<JsonNode> invalid = http.postForEntity("/v1/purges", wrongEnv, JsonNode.class);
    ResponseEntity<JsonNode> first = http.postForEntity("/v1/purges", purge, JsonNode.class);
    ResponseEntity<JsonNode> second = http.postForEntity("/v1/purges", purge, JsonNode.class);

    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(first.getStatusCode()).as("%s", first.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(first.getHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"purge\";q=1;w=3600");
    assertThat(first.getHeaders().getFirst("RateLimit")).startsWith("\"purge\";r=0;t=");
    assertProblem(second, HttpStatus.TOO_MANY_REQUESTS, "urn:warden:problem:rate-limited");
    assertThat(second.getBody().get("routeClass").asText()).isEqualTo("purge");
  }

  @Test
  void givenBadInput_whenEveryDataRouteIsCalled_thenA400ConsumesNoToken() {
    ledger.setLimits( // one token per data route
        TenantId.of(tenant),
        Env.of("prod"),
        new QuotaLimits(
            null,
            null,
            Map.of("index", "1/1h", "upload", "1/1h", "search", "1/1h", "pack", "1/1h")),
        "user:test",
        "rate-limit test");
    documents.index(
        Env.of("prod"),
        TenantId.of(tenant),
        new TenantDocument(DocumentId.of("seed"), "a document to pack", null));
    double allowedBefore = allGateRequests();

    List<RequestEntity<?>> bad =
        List.of(
            RequestEntity.put("/v1/tenants/{t}/documents/d1", tenant).body(Map.of("text", " ")),
            RequestEntity.put("/v1/tenants/{t}/documents/d1", tenant)
                .header("Content-Type", "application/json")
                .body("{not json"),
            RequestEntity.put("/v1/tenants/{t}/documents/{d}", tenant, "bad id!")
                .body(Map.of("text", "x")),
            // A malformed tenant id never gets this far: no tenant token can name one, so the
            // security layer refuses it (403, DataRoutesIT) before any gate.
            presign(Map.of("fileName", "a.txt", "sizeBytes", -1)),
            presign(Map.of("fileName", "a.txt", "sizeBytes", 6L * 1024 * 1024 * 1024)),
            presign(Map.of("fileName", "..", "sizeBytes", 10)),
            presign(Map.of("fileName", "a.txt", "contentType", "nonsense", "sizeBytes", 10)),
            RequestEntity.get("/v1/tenants/{t}/search?q=x&size=0", tenant).build(),
            RequestEntity.get("/v1/tenants/{t}/search", tenant).build(),
            RequestEntity.post("/v1/tenants/{t}/packs", tenant)
                .body(Map.of("name", "p", "documentIds", List.of())),
            RequestEntity.post("/v1/tenants/{t}/packs", tenant)
                .body(Map.of("documentIds", List.of("seed"))));
    for (RequestEntity<?> request : bad) {
      ResponseEntity<JsonNode> answer = http.exchange(request, JsonNode.class);
      assertThat(answer.getStatusCode())
          .as("%s %s", request, answer.getBody())
          .isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().get("RateLimit")).isNull();
    }
    assertThat(allGateRequests()).as("no bad request reached the chain").isEqualTo(allowedBefore);

    // Each bucket holds exactly one token, so these pass only if no bad request took it.
    assertThat(
            http.exchange(
                    RequestEntity.put("/v1/tenants/{t}/documents/d1", tenant)
                        .body(Map.of("text", "fine")),
                    JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(
            http.exchange(presign(Map.of("fileName", "a.txt", "sizeBytes", 10)), JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(search(tenant).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            http.exchange(
                    RequestEntity.post("/v1/tenants/{t}/packs", tenant)
                        .body(Map.of("name", "p", "documentIds", List.of("seed"))),
                    JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(search(tenant).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  private RequestEntity<?> presign(Map<String, Object> body) {
    return RequestEntity.post("/v1/tenants/{t}/uploads/presign", tenant).body(body);
  }

  private ResponseEntity<JsonNode> search(String tenant) {
    return http.getForEntity("/v1/tenants/{t}/search?q=probe", JsonNode.class, tenant);
  }

  private static Matcher rateLimit(ResponseEntity<?> answer) {
    String header = answer.getHeaders().getFirst("RateLimit");
    assertThat(header).isNotNull();
    Matcher m = RATE_LIMIT.matcher(header);
    assertThat(m.matches()).as(header).isTrue();
    return m;
  }

  private double gateRequests(String routeClass, String outcome) {
    Counter c =
        meters
            .find("warden.gate.requests")
            .tags("route_class", routeClass, "outcome", outcome)
            .counter();
    return c == null ? 0 : c.count();
  }

  private double allGateRequests() {
    return meters.find("warden.gate.requests").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
