package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.testing.S3Fixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Kill switches against purges: the start route, every step, and a switch thrown mid-step. */
class KillSwitchPurgeIT extends AbstractPurgeApiTest {

  @Autowired DatasetEventStore events;
  @Autowired WorkflowClient temporal;
  @Autowired MeterRegistry registry;
  S3Fixture s3;
  String tenant;

  @BeforeEach
  void setUp() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    tenant = "ks-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void tearDown() {
    JsonNode all = http.getForObject("/v1/kill-switches", JsonNode.class);
    all.get("current").forEach(s -> switchState(toMap(s.get("scope")), "RELEASED"));
    s3.close();
  }

  @ParameterizedTest(name = "{0} blocks the start: {1}")
  @CsvSource({
    "global,true",
    "env,true",
    "tenant,true",
    "action,true",
    "tenant+action,true",
    "other-tenant,false",
    "other-action,false",
    "other-env,false",
    "tenant+other-action,false"
  })
  void givenASwitch_whenAPurgeIsRequested_thenOnlyApplicableSwitchesRefuseIt(
      String kind, boolean blocks) {
    switchState(scope(kind), "ENGAGED");

    ResponseEntity<JsonNode> answer = http.postForEntity("/v1/purges", purge(true), JsonNode.class);

    if (blocks) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(answer.getBody().get("type").asText())
          .isEqualTo("urn:warden:problem:kill-switch-engaged");
      assertThat(events.findByTenant(tenant, "prod", 50))
          .anySatisfy(e -> assertThat(e.type().name()).isEqualTo("KILL_SWITCH_BLOCKED"));
    } else {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      awaitStatus(answer.getBody().get("purgeId").asText(), "COMPLETED");
    }
  }

  @ParameterizedTest(name = "provider {0} holds the purge at {1}")
  @CsvSource({"s3,STORAGE", "opensearch,INDEX"})
  void givenAProviderSwitch_whenThePurgeReachesItsStep_thenItWaitsThereAndFinishesAfterRelease(
      String provider, String step) {
    IntStream.range(0, 20).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, "x"));
    Map<String, String> scope = Map.of("env", "prod", "provider", provider);
    switchState(scope, "ENGAGED");
    double deletedBefore = deletedObjects();
    double completedBefore = completions();
    String id = start();

    JsonNode blocked = awaitStatus(id, "BLOCKED_BY_KILL_SWITCH");
    assertThat(blocked.get("currentStep").asText()).isEqualTo(step);
    if (step.equals("STORAGE")) {
      assertThat(s3.snapshot("tenants/" + tenant + "/")).hasSize(20);
    }
    String workflowId = blocked.get("workflowId").asText();
    String runId = blocked.get("runId").asText();
    // What Temporal UI shows of a blocked purge.
    TemporalView held = TemporalView.once(temporal, workflowId, runId, "BLOCKED_BY_KILL_SWITCH");
    assertThat(held.tenant()).isEqualTo(tenant);
    assertThat(held.env()).isEqualTo("prod");
    assertThat(held.status()).isEqualTo("BLOCKED_BY_KILL_SWITCH");
    assertThat(held.step()).isEqualTo(step);
    assertThat(held.dueAt().toInstant()).isEqualTo(Instant.parse(blocked.get("dueAt").asText()));
    assertThat(held.staticSummary()).isEqualTo("Purge " + tenant + " (prod)");
    assertThat(held.staticDetails()).contains("Tenant purge", id);
    assertThat(held.currentDetails())
        .contains("**BLOCKED_BY_KILL_SWITCH** at step `" + step + "`", "blocked by kill switch");
    assertThat(held.progress().blockedBy()).contains(provider);
    switchState(scope, "RELEASED");

    awaitStatus(id, "COMPLETED");
    // And of a finished one: final status, no step, and every store step's activity summary.
    TemporalView finished = TemporalView.once(temporal, workflowId, runId, "COMPLETED");
    assertThat(finished.status()).isEqualTo("COMPLETED");
    assertThat(finished.step()).isEqualTo("-");
    assertThat(finished.currentDetails()).contains("**COMPLETED**", "| STORAGE | 20 |");
    assertThat(finished.progress().status().name()).isEqualTo("COMPLETED");
    assertThat(finished.activitySummaries())
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("Delete objects under tenants/" + tenant + "/ (all versions)"))
        .anySatisfy(
            s -> assertThat(s).isEqualTo("Delete documents of " + tenant + " from docs-prod"))
        .anySatisfy(s -> assertThat(s).startsWith("Verify nothing of " + tenant));
    // The worker's metrics counted it (other purges of this context may add to them meanwhile).
    assertThat(deletedObjects() - deletedBefore).isGreaterThanOrEqualTo(20);
    assertThat(completions() - completedBefore).isGreaterThanOrEqualTo(1);
    assertThat(
            registry
                .get("warden.purge.step.duration")
                .tags("step", "storage", "outcome", "success")
                .timer()
                .count())
        .isPositive();
    assertThat(s3.snapshot("tenants/" + tenant + "/")).isEmpty();
    assertThat(events.findByTenant(tenant, "prod", 100))
        .filteredOn(e -> e.type().name().equals("KILL_SWITCH_BLOCKED"))
        .hasSize(1);
  }

  @Test
  void
      givenASwitchEngagedMidStep_whenTheNextPageComes_thenThePurgeStopsThereAndResumesAfterRelease() {
    int objects = 6_000; // pages of 100: the step takes a few seconds
    IntStream.range(0, objects)
        .parallel()
        .forEach(i -> s3.put("tenants/%s/f%05d".formatted(tenant, i), "x"));
    String id = start();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> s3.count("tenants/" + tenant + "/") < objects);

    Map<String, String> scope = Map.of("tenantId", tenant, "action", "purge");
    switchState(scope, "ENGAGED");
    int leftAtEngage = s3.count("tenants/" + tenant + "/");
    awaitStatus(id, "BLOCKED_BY_KILL_SWITCH");
    int leftWhenBlocked = s3.count("tenants/" + tenant + "/");
    sleep(1_500);
    int leftLater = s3.count("tenants/" + tenant + "/");

    assertThat(leftWhenBlocked).isPositive();
    assertThat(leftLater).isEqualTo(leftWhenBlocked); // stopped: nothing more is deleted
    assertThat(leftAtEngage - leftWhenBlocked).isLessThanOrEqualTo(200); // within a page or two
    switchState(scope, "RELEASED");
    JsonNode done = awaitStatus(id, "COMPLETED");

    assertThat(s3.snapshot("tenants/" + tenant + "/")).isEmpty();
    assertThat(done.at("/deleted/objects").asLong()).isEqualTo(objects);
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(receipt.at("/residue/objects").asLong()).isZero();
    System.out.printf(
        "mid-step switch: %d left at engage, %d when blocked (page size 100)%n",
        leftAtEngage, leftWhenBlocked);
  }

  private double deletedObjects() {
    return registry.get("warden.purge.deleted.items").tag("store", "storage").counter().count();
  }

  private long completions() {
    return registry.get("warden.purge.completion").tag("env", "prod").timer().count();
  }

  private String start() {
    ResponseEntity<JsonNode> answer =
        http.postForEntity("/v1/purges", purge(false), JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody().get("purgeId").asText();
  }

  private Map<String, Object> purge(boolean dryRun) {
    return Map.of("tenantId", tenant, "env", "prod", "reason", "test", "dryRun", dryRun);
  }

  private Map<String, String> scope(String kind) {
    Map<String, String> scope = new HashMap<>();
    switch (kind) {
      case "global" -> {}
      case "env" -> scope.put("env", "prod");
      case "tenant" -> scope.put("tenantId", tenant);
      case "action" -> scope.put("action", "purge");
      case "tenant+action" -> {
        scope.put("tenantId", tenant);
        scope.put("action", "purge");
      }
      case "other-tenant" -> scope.put("tenantId", tenant + "-eu");
      case "other-action" -> scope.put("action", "index");
      case "other-env" -> scope.put("env", "staging");
      case "tenant+other-action" -> {
        scope.put("tenantId", tenant);
        scope.put("action", "search");
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return scope;
  }

  private void switchState(Map<String, String> scope, String state) {
    Map<String, Object> body = Map.of("scope", scope, "state", state, "reason", "test " + state);
    ResponseEntity<JsonNode> answer =
        http.exchange("/v1/kill-switches", HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
    sleep(300); // the cache's bounded staleness (LISTEN is faster; the poll is 250 ms)
  }

  private static Map<String, String> toMap(JsonNode scope) {
    Map<String, String> out = new HashMap<>();
    scope
        .fields()
        .forEachRemaining(
            f -> {
              if (!f.getValue().isNull()) {
                out.put(f.getKey(), f.getValue().asText());
              }
            });
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
