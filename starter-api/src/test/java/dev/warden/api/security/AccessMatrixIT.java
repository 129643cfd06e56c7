package dev.warden.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.auth.LocalClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every mapped route × every kind of caller, over HTTP against the real authorization server's
 * tokens. The expectations below are written out independently of {@link RouteRules}: a rule that
 * drifts from them fails here. A mapped route with no expectation fails too.
 */
class AccessMatrixIT extends AbstractDevStackApiTest {

  enum Caller {
    NO_TOKEN,
    EXPIRED,
    ANOTHER_ISSUER,
    FORGED_SIGNATURE,
    NO_ROLE,
    COMPLIANCE,
    LEGAL,
    OPERATOR,
    AUDITOR,
    TENANT_OWN,
    TENANT_OTHER
  }

  static final String OWN = "matrix-own";
  static final String OTHER = "matrix-other";
  static final Set<Caller> UNAUTHENTICATED =
      EnumSet.of(Caller.NO_TOKEN, Caller.EXPIRED, Caller.ANOTHER_ISSUER, Caller.FORGED_SIGNATURE);

  /** Open routes: anyone without a token or with a valid one (a bad token is still a 401). */
  static final Set<Caller> ANYONE =
      EnumSet.complementOf(
          EnumSet.of(Caller.EXPIRED, Caller.ANOTHER_ISSUER, Caller.FORGED_SIGNATURE));

  static final Map<String, Set<Caller>> EXPECTED =
      Map.ofEntries(
          Map.entry("POST /v1/purges", EnumSet.of(Caller.COMPLIANCE)),
          Map.entry(
              "GET /v1/purges", EnumSet.of(Caller.COMPLIANCE, Caller.AUDITOR, Caller.OPERATOR)),
          Map.entry(
              "GET /v1/purges/{purgeId}",
              EnumSet.of(Caller.COMPLIANCE, Caller.AUDITOR, Caller.OPERATOR)),
          Map.entry(
              "GET /v1/purges/{purgeId}/progress",
              EnumSet.of(Caller.COMPLIANCE, Caller.AUDITOR, Caller.OPERATOR)),
          Map.entry(
              "GET /v1/purges/{purgeId}/receipt", EnumSet.of(Caller.COMPLIANCE, Caller.AUDITOR)),
          Map.entry("POST /v1/purges/{purgeId}/retry", EnumSet.of(Caller.OPERATOR)),
          Map.entry("POST /v1/purges/{purgeId}/cancel", EnumSet.of(Caller.COMPLIANCE)),
          Map.entry("POST /v1/purges/{purgeId}/extend", EnumSet.of(Caller.COMPLIANCE)),
          Map.entry("POST /v1/purges/{purgeId}/approve", EnumSet.of(Caller.COMPLIANCE)),
          Map.entry("POST /v1/purges/{purgeId}/reject", EnumSet.of(Caller.COMPLIANCE)),
          Map.entry("GET /v1/events", EnumSet.of(Caller.COMPLIANCE, Caller.AUDITOR)),
          Map.entry("GET /v1/receipts/keys", ANYONE),
          Map.entry("GET /v1/events/verify", EnumSet.of(Caller.AUDITOR)),
          Map.entry(
              "POST /v1/temporal/codec/encode",
              EnumSet.of(Caller.OPERATOR, Caller.COMPLIANCE, Caller.AUDITOR)),
          Map.entry(
              "POST /v1/temporal/codec/decode",
              EnumSet.of(Caller.OPERATOR, Caller.COMPLIANCE, Caller.AUDITOR)),
          Map.entry("GET /v1/kill-switches", EnumSet.of(Caller.OPERATOR, Caller.AUDITOR)),
          Map.entry("PUT /v1/kill-switches", EnumSet.of(Caller.OPERATOR)),
          Map.entry(
              "GET /v1/tenants/{tenantId}/legal-hold", EnumSet.of(Caller.LEGAL, Caller.AUDITOR)),
          Map.entry("PUT /v1/tenants/{tenantId}/legal-hold", EnumSet.of(Caller.LEGAL)),
          Map.entry("DELETE /v1/tenants/{tenantId}/legal-hold", EnumSet.of(Caller.LEGAL)),
          Map.entry(
              "GET /v1/tenants/{tenantId}/quotas",
              EnumSet.of(Caller.OPERATOR, Caller.AUDITOR, Caller.TENANT_OWN)),
          Map.entry("PUT /v1/tenants/{tenantId}/quotas", EnumSet.of(Caller.OPERATOR)),
          Map.entry("POST /v1/tenants/{tenantId}/reopen", EnumSet.of(Caller.OPERATOR)),
          Map.entry("POST /v1/tenants/{tenantId}/uploads/presign", EnumSet.of(Caller.TENANT_OWN)),
          Map.entry(
              "POST /v1/tenants/{tenantId}/uploads/{reservationId}/complete",
              EnumSet.of(Caller.TENANT_OWN)),
          Map.entry("PUT /v1/tenants/{tenantId}/documents/{docId}", EnumSet.of(Caller.TENANT_OWN)),
          Map.entry("GET /v1/tenants/{tenantId}/search", EnumSet.of(Caller.TENANT_OWN)),
          Map.entry("POST /v1/tenants/{tenantId}/packs", EnumSet.of(Caller.TENANT_OWN)));

  @Autowired ApplicationContext context;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;
  private final HttpClient client = HttpClient.newHttpClient();

  static Set<Caller> expected(MappedRoutes.Route route) {
    String p = route.pattern();
    if (p.startsWith("/v1/reconciliations")) {
      return route.method().name().equals("GET")
          ? EnumSet.of(Caller.OPERATOR, Caller.AUDITOR)
          : EnumSet.of(Caller.OPERATOR);
    }
    if (p.equals("/error") || p.startsWith("/v3/api-docs") || p.startsWith("/swagger-ui")) {
      return ANYONE;
    }
    return EXPECTED.get(route.toString());
  }

  @Test
  void givenEveryMappedRouteAndEveryCaller_whenCalled_thenOnlyTheExpectedCallersGetThrough()
      throws Exception {
    Map<Caller, String> tokens = tokens();
    List<String> wrong = new ArrayList<>();
    for (MappedRoutes.Route route : MappedRoutes.of(context).routes()) {
      if (route.pattern().startsWith("/console")) {
        consoleVerdicts(route, tokens).forEach(wrong::add);
        continue;
      }
      Set<Caller> allowed = expected(route);
      if (allowed == null) {
        wrong.add(route + ": no expectation in AccessMatrixIT (add one with its rule)");
        continue;
      }
      for (Caller caller : Caller.values()) {
        HttpResponse<String> answer = call(route, tokens.get(caller));
        String verdict =
            verdict(answer, allowed.contains(caller), UNAUTHENTICATED.contains(caller));
        if (verdict != null) {
          wrong.add(route + " as " + caller + ": " + verdict);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * The console takes no bearer token: its pages send every caller to sign in, its forms refuse a
   * POST without the session's CSRF token. Its roles (the API rules') are exercised by a signed-in
   * browser in ConsoleBrowserIT.
   */
  private List<String> consoleVerdicts(MappedRoutes.Route route, Map<Caller, String> tokens)
      throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      HttpResponse<String> answer = call(route, tokens.get(caller));
      boolean get = route.method().name().equals("GET");
      String location = answer.headers().firstValue("Location").orElse("");
      boolean ok =
          get
              ? answer.statusCode() == 302 && location.endsWith("/oauth2/authorization/warden")
              : answer.statusCode() == 403;
      if (!ok) {
        wrong.add(
            route + " as " + caller + " (console): got " + answer.statusCode() + " " + location);
      }
    }
    return wrong;
  }

  /** Null when the answer is what the caller should get; else what was wrong. */
  private String verdict(HttpResponse<String> answer, boolean allowed, boolean unauthenticated)
      throws Exception {
    int status = answer.statusCode();
    if (allowed) {
      return status == 401 || status == 403 ? "refused with " + status + " " + answer.body() : null;
    }
    int expected = unauthenticated ? 401 : 403;
    if (status != expected) {
      return "expected " + expected + ", got " + status + " " + answer.body();
    }
    String type = answer.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return "not problem+json: " + type;
    }
    JsonNode body = json.readTree(answer.body());
    String problem =
        unauthenticated ? "urn:warden:problem:unauthenticated" : "urn:warden:problem:forbidden";
    if (!problem.equals(body.path("type").asText()) || body.path("status").asInt() != expected) {
      return "wrong problem " + answer.body();
    }
    if (!answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
      return "no WWW-Authenticate: Bearer";
    }
    return null;
  }

  private HttpResponse<String> call(MappedRoutes.Route route, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route.path(OWN)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    boolean withBody = route.method().name().equals("POST") || route.method().name().equals("PUT");
    request.method(
        route.method().name(),
        withBody
            ? HttpRequest.BodyPublishers.ofString(bodyFor(route))
            : HttpRequest.BodyPublishers.noBody());
    if (withBody) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // "{}" asks for a reconciliation of every tenant: a caller let through would start a real run,
  // left running when this JVM exits and holding the environment's one slot for later tests. A
  // tenant nobody knows is refused with 400 after the security layer let the caller through.
  private static String bodyFor(MappedRoutes.Route route) {
    return route.pattern().equals("/v1/reconciliations")
        ? "{\"tenantIds\":[\"access-matrix-nobody\"]}"
        : "{}";
  }

  static Map<Caller, String> tokens() {
    String issuer = DevStackExtension.endpoints().authIssuerUri();
    Map<Caller, String> tokens = new java.util.EnumMap<>(Caller.class);
    tokens.put(Caller.EXPIRED, TestTokens.tokens().token(LocalClients.EXPIRED, null));
    tokens.put(Caller.ANOTHER_ISSUER, ForeignTokens.signedByAnotherKey("http://127.0.0.1:1/other"));
    tokens.put(Caller.FORGED_SIGNATURE, ForeignTokens.signedByAnotherKey(issuer));
    tokens.put(Caller.NO_ROLE, TestTokens.tokens().token(LocalClients.NO_ROLE, null));
    tokens.put(Caller.COMPLIANCE, TestTokens.role("compliance"));
    tokens.put(Caller.LEGAL, TestTokens.role("legal"));
    tokens.put(Caller.OPERATOR, TestTokens.role("operator"));
    tokens.put(Caller.AUDITOR, TestTokens.role("auditor"));
    tokens.put(Caller.TENANT_OWN, TestTokens.tenant(OWN));
    tokens.put(Caller.TENANT_OTHER, TestTokens.tenant(OTHER));
    return tokens;
  }
}
