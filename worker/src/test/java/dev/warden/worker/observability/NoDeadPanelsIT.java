package dev.warden.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.auth.LocalTokens;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.worker.ApiProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No dead panel, no alert on a renamed metric: after a real purge and a reconciliation (asked
 * through the API, run by this worker app) and refused and admitted gated requests, every metric
 * that a Grafana dashboard panel or an alert rule names exists in the scrape of the worker or of
 * the API (the packaged API jar, run as a process: one JVM cannot hold both apps' application.yml).
 */
@ExtendWith(DevStackExtension.class)
@AutoConfigureObservability(tracing = false) // tests turn the Prometheus endpoint off otherwise
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoDeadPanelsIT {

  /**
   * Names no Warden app exports, on purpose: {@code up} is Prometheus' own per-target series. (The
   * dashboards and rules use no Temporal server-side metric; one would be listed here, since this
   * test scrapes only Warden's apps.)
   */
  static final Set<String> NOT_FROM_WARDEN = Set.of("up");

  static final Path ROOT = Path.of(System.getProperty("warden.repo.root", ".."));
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();
  static ApiProcess api;

  @LocalServerPort int workerPort;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    // "local": outside it, the packaged API refuses the devstack's keys and password.
    DevStackProperties.register(registry, "local");
  }

  @AfterAll
  static void stopApi() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void givenAPurgeAndGatedRequests_whenBothAppsAreScraped_thenEveryDashboardAndAlertMetricExists()
      throws Exception {
    String apiUrl = startApi();
    LocalTokens tokens = new LocalTokens(DevStackExtension.endpoints().authIssuerUri());
    String tenant = "dp-" + UUID.randomUUID().toString().substring(0, 8);
    String neighbour = tenant + "-eu";
    try (S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints())) {
      IntStream.range(0, 5).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, "12345"));
      s3.put("tenants/" + neighbour + "/f", "kept");
    }

    HttpResponse<String> started =
        send(
            apiUrl + "/v1/purges",
            tokens.forRole("compliance"),
            "{\"tenantId\":\"%s\",\"env\":\"local\",\"reason\":\"GDPR art. 17\",\"ticket\":\"T-1\"}"
                .formatted(tenant));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String purgeId = JSON.readTree(started.body()).get("purgeId").asText();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> status(apiUrl + "/v1/purges/" + purgeId, tokens.forRole("compliance")),
            "COMPLETED"::equals);
    // Refused by the security layer (401, 403) on a gated route, and a gated search.
    assertThat(send(apiUrl + "/v1/tenants/" + tenant + "/search?q=x", null, null).statusCode())
        .isEqualTo(401);
    assertThat(
            send(apiUrl + "/v1/tenants/" + tenant + "/search?q=x", tokens.forRole("operator"), null)
                .statusCode())
        .isEqualTo(403);
    send(apiUrl + "/v1/tenants/" + tenant + "/search?q=x", tokens.forTenant(tenant), null);
    // A reconciliation (of the neighbour only), run by this worker app. Other tests run
    // reconciliations of the same env on the shared servers (the API module's reconciliation
    // tests, this module's Schedule test): a 409 names a running one, so ask again once it ended.
    // One left running by a test JVM that has exited is finished by this worker app once its
    // activity's timeout lets another worker take it: minutes, hence the long bound.
    AtomicReference<HttpResponse<String>> reconciling = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(420))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              reconciling.set(
                  send(
                      apiUrl + "/v1/reconciliations",
                      tokens.forRole("operator"),
                      "{\"tenantIds\":[\"%s\"]}".formatted(neighbour)));
              assertThat(reconciling.get().statusCode())
                  .as(reconciling.get().body())
                  .isIn(202, 409);
              return reconciling.get().statusCode() == 202;
            });
    String runId = JSON.readTree(reconciling.get().body()).get("reconciliationId").asText();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> status(apiUrl + "/v1/reconciliations/" + runId, tokens.forRole("operator")),
            "COMPLETED"::equals);

    Set<String> exported = new TreeSet<>();
    exported.addAll(scrape("http://127.0.0.1:" + workerPort + "/actuator/prometheus", null));
    exported.addAll(scrape(apiUrl + "/actuator/prometheus", tokens.forRole("operator")));
    Map<String, Set<String>> used = usedNames();
    Map<String, Set<String>> missing = new TreeMap<>();
    used.forEach(
        (name, where) -> {
          if (!exported.contains(name) && !NOT_FROM_WARDEN.contains(name)) {
            missing.put(name, where);
          }
        });

    assertThat(used).as("names found in the dashboards and rules").hasSizeGreaterThan(15);
    assertThat(missing).as("metrics named by a panel or an alert but exported by no app").isEmpty();
  }

  /** Metric name to the panels and alerts that use it. */
  static Map<String, Set<String>> usedNames() throws IOException {
    Map<String, Set<String>> used = new TreeMap<>();
    JsonNode rules =
        JSON.valueToTree(
            new Yaml().load(Files.readString(ROOT.resolve("docker/prometheus/alerts.yml"))));
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        String where = "alert " + rule.path("alert").asText(rule.path("record").asText());
        PromQlNames.in(rule.get("expr").asText())
            .forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
      }
    }
    List<Path> dashboards;
    try (Stream<Path> files = Files.list(ROOT.resolve("docker/grafana/dashboards"))) {
      dashboards = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(dashboards).as("dashboards").isNotEmpty();
    for (Path file : dashboards) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      List<JsonNode> panels = new ArrayList<>();
      dashboard.path("panels").forEach(panels::add);
      for (int i = 0; i < panels.size(); i++) {
        JsonNode panel = panels.get(i);
        panel.path("panels").forEach(panels::add); // rows hold panels too
        String where = file.getFileName() + ": " + panel.path("title").asText();
        for (JsonNode target : panel.path("targets")) {
          PromQlNames.in(target.path("expr").asText())
              .forEach(n -> used.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
        }
      }
    }
    return used;
  }

  /** The names of the samples of a Prometheus text exposition. */
  static Set<String> scrape(String url, String token) throws Exception {
    HttpResponse<String> response = send(url, token, null);
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    Set<String> names = new TreeSet<>();
    response
        .body()
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .forEach(names::add);
    return names;
  }

  private static String startApi() throws Exception {
    // "local": outside it, the packaged API refuses the devstack's keys and password.
    api = ApiProcess.start("local");
    return api.url();
  }

  private static String status(String url, String token) throws Exception {
    return JSON.readTree(send(url, token, null).body()).path("status").asText();
  }

  private static HttpResponse<String> send(String url, String token, String jsonBody)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
