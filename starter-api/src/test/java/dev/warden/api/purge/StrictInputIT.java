package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.security.MappedRoutes;
import dev.warden.api.security.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request that could mean two things is refused before anything happens: over real HTTP, every
 * ambiguous purge body is 400 problem+json at once, and no purge record, workflow or event exists
 * afterwards; every mapped route answers malformed input with a Warden problem type, including what
 * Tomcat refuses before Spring runs.
 */
class StrictInputIT extends AbstractPurgeApiTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired WorkflowClient temporal;
  @Autowired ApplicationContext context;
  final ObjectMapper json = new ObjectMapper();
  final HttpClient client = HttpClient.newHttpClient();
  final String tenant = "strict-" + UUID.randomUUID().toString().substring(0, 8);

  record Answer(int status, String contentType, JsonNode body, Duration took) {}

  @Test
  void givenAmbiguousPurgeRequests_whenPosted_thenEachIs400AtOnceAndNothingStartsOrIsStored()
      throws Exception {
    String head = "{\"tenantId\":\"" + tenant + "\",\"env\":\"prod\",\"reason\":\"GDPR\"";
    Map<String, String> cases = new LinkedHashMap<>();
    for (String dryRun : List.of("\"\"", "0", "\"false\"", "1", "\"true\"", "null", "[]")) {
      cases.put(head + ",\"dryRun\":" + dryRun + "}", "dryRun");
    }
    cases.put(head + ",\"tenantId\":\"" + tenant + "-eu\"}", "tenantId");
    cases.put(
        "{\"tenantId\":\"" + tenant + "\",\"env\":\"prod\",\"reason\":\"a\\u0000b\"}", "reason");
    cases.put(
        "{\"tenantId\":\"" + tenant + "\",\"env\":\"prod\",\"reason\":\"a\\u001b[2Jb\"}", "reason");
    cases.put(head + ",\"ticket\":\"T-1\\nT-2\"}", "ticket");
    cases.put(head + ",\"ticket\":7}", "ticket");
    cases.put(head + ",\"gracePeriod\":null}", "gracePeriod");
    cases.put(head + "} {\"dryRun\":true}", null);
    cases.put(head + ",\"unknown\":1}", "unknown");

    List<String> timings = new ArrayList<>();
    for (var c : cases.entrySet()) {
      Answer answer =
          send(
              HttpMethod.POST,
              "/v1/purges",
              "application/json",
              c.getKey(),
              TestTokens.role("compliance"));

      assertThat(answer.status()).as("%s → %s", c.getKey(), answer.body()).isEqualTo(400);
      assertThat(answer.contentType()).isEqualTo("application/problem+json");
      assertThat(answer.body().get("type").asText())
          .isEqualTo("urn:warden:problem:invalid-request");
      if (c.getValue() != null) {
        assertThat(answer.body().path("field").asText())
            .as("%s", answer.body())
            .isEqualTo(c.getValue());
      }
      assertThat(answer.took()).isLessThan(Duration.ofSeconds(2));
      timings.add(answer.took().toMillis() + " ms " + answer.body().get("detail").asText());
    }
    System.out.println("StrictInputIT purge bodies:\n  " + String.join("\n  ", timings));

    assertThat(
            jdbc.sql("select count(*) from purge_requests where tenant_id in (?, ?)")
                .params(tenant, tenant + "-eu")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("select count(*) from dataset_events where tenant_id in (?, ?)")
                .params(tenant, tenant + "-eu")
                .query(Long.class)
                .single())
        .isZero();
    for (String id : List.of(tenant, tenant + "-eu")) {
      assertThatThrownBy(() -> describe("tenant-purge/prod/" + id))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  /** The routes that read a JSON body, written out apart from the controllers. */
  static final Set<String> BODY_ROUTES =
      Set.of(
          "POST /v1/purges",
          "POST /v1/purges/{purgeId}/cancel",
          "POST /v1/purges/{purgeId}/reject",
          "POST /v1/purges/{purgeId}/extend",
          "PUT /v1/kill-switches",
          "PUT /v1/tenants/{tenantId}/legal-hold",
          "PUT /v1/tenants/{tenantId}/quotas",
          "POST /v1/tenants/{tenantId}/reopen",
          "POST /v1/tenants/{tenantId}/uploads/presign",
          "PUT /v1/tenants/{tenantId}/documents/{docId}",
          "POST /v1/tenants/{tenantId}/packs",
          "POST /v1/reconciliations");

  @Test
  void givenEveryMappedRoute_whenCalledWithMalformedInput_thenEveryAnswerIsAWardenProblem()
      throws Exception {
    List<String> wrong = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    int calls = 0;
    for (MappedRoutes.Route route : MappedRoutes.of(context).routes()) {
      String p = route.pattern();
      if (p.equals("/error")
          || p.startsWith("/console") // a browser session's pages: ConsoleBrowserIT
          || p.startsWith("/v3/api-docs")
          || p.startsWith("/swagger-ui")
          || p.equals(FailingRoute.PATH)) {
        continue;
      }
      String path = route.path(tenant);
      String token = TestTokens.forRoute(route.method(), path);
      // A control character in a query parameter, or bytes that are not UTF-8: refused first.
      expect(wrong, route, send(route.method(), path + "?note=a%00b", null, null, token), 400);
      expect(wrong, route, send(route.method(), path + "?note=%C3%28", null, null, token), 400);
      expect(wrong, route, send(route.method(), path + "?a%01=1", null, null, token), 400);
      calls += 3;
      if (p.contains("{purgeId}") || p.contains("{reservationId}")) {
        String malformed = p.replace("{tenantId}", tenant).replaceAll("\\{[^}]+}", "not-a-uuid");
        expect(wrong, route, send(route.method(), malformed, null, null, token), 400);
        calls++;
      }
      if (BODY_ROUTES.contains(route.toString())) {
        expect(wrong, route, send(route.method(), path, "text/plain", "x", token), 415);
        for (String body :
            List.of("{\"a\":1,\"a\":2}", "null", "{} x", "{\"reason\":\"\\u0000\"}")) {
          expect(wrong, route, send(route.method(), path, "application/json", body, token), 400);
        }
        calls += 5;
      }
      if (route.method() == HttpMethod.GET) {
        // 406, unless the route refuses the request for another reason first (an unknown id).
        expect(wrong, route, sendAccept(path, "image/png", token), 0);
        calls++;
      }
      if (seen.add(p)) {
        expect(wrong, route, send(HttpMethod.PATCH, path, null, null, token), 405);
        calls++;
      }
    }
    System.out.println("StrictInputIT walked " + calls + " malformed calls over every route");
    assertThat(wrong).isEmpty();
    assertThat(calls).isGreaterThan(100);
  }

  @Test
  void givenParametersThatDoNotConvert_whenCalled_thenEachIs400NamingTheParameter()
      throws Exception {
    String compliance = TestTokens.role("compliance");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("/v1/purges/not-a-uuid", "purgeId");
    cases.put("/v1/purges?limit=100000000000", "limit");
    cases.put("/v1/purges?status=BOGUS", "status");
    cases.put("/v1/purges?overdue=maybe", "overdue");
    cases.put("/v1/events?tenantId=" + tenant + "&limit=x", "limit");
    for (var c : cases.entrySet()) {
      Answer answer = send(HttpMethod.GET, c.getKey(), null, null, compliance);
      assertThat(answer.status()).as("%s → %s", c.getKey(), answer.body()).isEqualTo(400);
      assertThat(answer.body().get("type").asText())
          .isEqualTo("urn:warden:problem:invalid-request");
      assertThat(answer.body().get("field").asText()).isEqualTo(c.getValue());
    }
    Answer search =
        send(
            HttpMethod.GET,
            "/v1/tenants/" + tenant + "/search?q=x&size=100000000000",
            null,
            null,
            TestTokens.tenant(tenant));
    assertThat(search.status()).as("%s", search.body()).isEqualTo(400);
    assertThat(search.body().get("field").asText()).isEqualTo("size");
  }

  @Test
  void givenRequestsTomcatRefusesBeforeSpring_whenSent_thenTheAnswerIsProblemJson()
      throws Exception {
    String compliance = TestTokens.role("compliance");
    Answer longQuery =
        send(HttpMethod.GET, "/v1/purges?tenantId=" + "a".repeat(10_000), null, null, compliance);
    assertThat(longQuery.status()).isIn(400, 414);
    assertThat(longQuery.contentType()).isEqualTo("application/problem+json");
    assertThat(longQuery.body().get("type").asText()).startsWith("urn:warden:problem:");

    HttpResponse<String> bigHeader =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/purges"))
                .header("Authorization", TestTokens.bearer(compliance))
                .header("X-Padding", "p".repeat(12_000))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bigHeader.statusCode()).isIn(400, 431);
    assertThat(bigHeader.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(bigHeader.body()).get("type").asText())
        .startsWith("urn:warden:problem:");

    for (String line :
        List.of(
            "GET /v1/purges HTTP/1.1\u0001", "GET /v1/pu rges x HTTP/1.1", "G\u0000T / HTTP/1.1")) {
      String raw = raw(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertThat(raw).as(line).startsWith("HTTP/1.1 400");
      assertThat(raw.toLowerCase()).as(raw).contains("content-type: application/problem+json");
      assertThat(raw).contains("urn:warden:problem:invalid-request");
    }
  }

  /**
   * Records {@code answer} unless it is problem+json with a Warden type and status (0: any 4xx).
   */
  private void expect(List<String> wrong, MappedRoutes.Route route, Answer answer, int status) {
    boolean statusOk =
        status == 0 ? answer.status() >= 400 && answer.status() < 500 : answer.status() == status;
    if (!statusOk
        || !"application/problem+json".equals(answer.contentType())
        || answer.body() == null
        || !answer.body().path("type").asText().startsWith("urn:warden:problem:")
        || (status == 400
            && !"urn:warden:problem:invalid-request".equals(answer.body().path("type").asText()))) {
      wrong.add(
          "%s: expected %d, got %d %s %s"
              .formatted(route, status, answer.status(), answer.contentType(), answer.body()));
    }
  }

  private Answer send(HttpMethod method, String path, String contentType, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", TestTokens.bearer(token))
            .method(
                method.name(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return answer(request.build());
  }

  private Answer sendAccept(String path, String accept, String token) throws Exception {
    return answer(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", TestTokens.bearer(token))
            .header("Accept", accept)
            .build());
  }

  private Answer answer(HttpRequest request) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String type = response.headers().firstValue("Content-Type").orElse("");
    JsonNode body = null;
    if (type.startsWith("application/") && type.contains("json") && !response.body().isEmpty()) {
      body = json.readTree(response.body());
    }
    return new Answer(response.statusCode(), type, body, took);
  }

  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private void describe(String workflowId) {
    temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(temporal.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }
}
