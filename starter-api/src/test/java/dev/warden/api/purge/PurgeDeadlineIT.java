package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * GDPR deadlines through the API (receivedAt, dueAt, days left, overdue list, bounded extensions,
 * on-time receipt), what Temporal UI shows of a running (grace period) and a parked purge (the
 * blocked and finished ones: {@link KillSwitchPurgeIT}), and the purge metrics on the API's scrape.
 */
class PurgeDeadlineIT extends AbstractPurgeApiTest {

  @Autowired WorkflowClient temporal;
  @Autowired DatasetEventStore events;
  @Autowired MeterRegistry registry;
  @Autowired OpenSearchClient search;
  String tenant;

  @BeforeEach
  void setUp() {
    tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void givenARequestReceived40DaysAgo_whenPurged_thenItIsOverdueUntilExtendedWithinTwoMonths() {
    Instant received = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
    JsonNode created = start(Map.of("receivedAt", received.toString(), "gracePeriod", "PT1H"));
    String id = created.get("purgeId").asText();
    Instant due = received.plus(Duration.ofDays(30));

    assertThat(Instant.parse(created.get("receivedAt").asText())).isEqualTo(received);
    assertThat(Instant.parse(created.get("dueAt").asText())).isEqualTo(due);
    assertThat(created.get("daysLeft").asLong()).isEqualTo(-10);
    assertThat(created.get("overdue").asBoolean()).isTrue();
    JsonNode waiting = awaitStatus(id, "WAITING_GRACE_PERIOD");
    assertThat(ids(http.getForObject("/v1/purges?overdue=true&limit=500", JsonNode.class)))
        .contains(id);
    assertThat(http.getForObject("/v1/purges?overdue=true&tenantId=" + tenant, JsonNode.class))
        .hasSize(1);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> registry.get("warden.purges.overdue").tag("env", "prod").gauge().value() >= 1);

    // What Temporal UI shows of a running purge (waiting in its grace period).
    String runId = waiting.get("runId").asText();
    TemporalView running =
        TemporalView.once(
            temporal, waiting.get("workflowId").asText(), runId, "WAITING_GRACE_PERIOD");
    assertThat(running.tenant()).isEqualTo(tenant);
    assertThat(running.env()).isEqualTo("prod");
    assertThat(running.status()).isEqualTo("WAITING_GRACE_PERIOD");
    assertThat(running.step()).isEqualTo("-");
    assertThat(running.dueAt().toInstant()).isEqualTo(due);
    assertThat(running.staticSummary()).isEqualTo("Purge " + tenant + " (prod)");
    assertThat(running.staticDetails()).contains("Tenant purge", id, "due (GDPR deadline)");
    assertThat(running.currentDetails()).contains("**WAITING_GRACE_PERIOD**", "grace period");
    assertThat(running.progress().status().name()).isEqualTo("WAITING_GRACE_PERIOD");

    ResponseEntity<JsonNode> extended = extend(id, "P20D", "the subject sent 4 TB of scans");
    assertThat(extended.getStatusCode()).as("%s", extended.getBody()).isEqualTo(HttpStatus.OK);
    Instant newDue = due.plus(Duration.ofDays(20));
    assertThat(Instant.parse(extended.getBody().get("dueAt").asText())).isEqualTo(newDue);
    assertThat(Instant.parse(extended.getBody().get("initialDueAt").asText())).isEqualTo(due);
    assertThat(extended.getBody().get("daysLeft").asLong()).isEqualTo(9);
    assertThat(extended.getBody().get("overdue").asBoolean()).isFalse();
    assertThat(events.findByTenant(tenant, "prod", 50))
        .filteredOn(e -> e.type().name().equals("PURGE_DEADLINE_EXTENDED"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("client:warden-compliance"))
        .extracting(DatasetEvent::attributes)
        .satisfies(
            a ->
                assertThat(a)
                    .containsEntry("extendBy", "PT480H")
                    .containsEntry("dueAt", newDue.toString())
                    .containsEntry("reason", "the subject sent 4 TB of scans"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> TemporalView.of(temporal, waiting.get("workflowId").asText(), runId).dueAt(),
            at -> at.toInstant().equals(newDue));
    assertThat(http.getForObject("/v1/purges?overdue=true&tenantId=" + tenant, JsonNode.class))
        .isEmpty();

    // 20 + 45 days is past the initial due date plus two months.
    assertProblem(
        extend(id, "P45D", "more"), HttpStatus.CONFLICT, "deadline-extension-limit", "two months");
    assertProblem(extend(id, "P1M", "months"), HttpStatus.BAD_REQUEST, "invalid-request", "P30D");
    assertProblem(extend(id, "P63D", "long"), HttpStatus.BAD_REQUEST, "invalid-request", "P62D");
    assertProblem(
        extend(id, "-P1D", "back"), HttpStatus.BAD_REQUEST, "invalid-request", "positive");
    assertProblem(
        http.postForEntity(
            "/v1/purges/" + id + "/extend", Map.of("extendBy", "P1D"), JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "reason");
    assertProblem(
        extend(id, "P1D", "r".repeat(2_001)), HttpStatus.BAD_REQUEST, "invalid-request", "reason");

    http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "test"), JsonNode.class);
    JsonNode cancelled = awaitStatus(id, "CANCELLED");
    assertThat(cancelled.get("finishedOnTime").asBoolean()).isTrue();
    assertThat(cancelled.get("daysLeft").isNull()).isTrue();
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(receipt.get("onTime").asBoolean()).isTrue();
    assertThat(Instant.parse(receipt.get("dueAt").asText())).isEqualTo(newDue);
    assertThat(Instant.parse(receipt.get("receivedAt").asText())).isEqualTo(received);
    assertProblem(extend(id, "P1D", "late"), HttpStatus.CONFLICT, "purge-finished", "ended");
    assertThat(
            registry
                .get("warden.purges.finished")
                .tags("env", "prod", "outcome", "cancelled")
                .counter()
                .count())
        .isPositive();
  }

  @Test
  void givenReceivedAtInTheFutureOrLongAgoOrMalformed_whenRequested_thenA400AndNothingAdmitted() {
    Map<String, String> bad =
        Map.of(
            Instant.now().plus(Duration.ofHours(1)).toString(),
            "future",
            Instant.now().minus(Duration.ofDays(400)).toString(),
            "within the last",
            "yesterday",
            "ISO-8601",
            "x".repeat(65),
            "receivedAt");
    bad.forEach(
        (receivedAt, says) ->
            assertProblem(
                post(Map.of("receivedAt", receivedAt)),
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                says));
    assertThat(http.getForObject("/v1/purges?tenantId=" + tenant, JsonNode.class)).isEmpty();
    assertProblem(
        http.getForEntity("/v1/purges?overdue=true&limit=501", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "limit");
    assertProblem(
        http.getForEntity("/v1/purges?overdue=true&status=COMPLETED", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "active");
  }

  @Test
  void givenADate_whenGivenAsReceivedAt_thenItCountsFromItsStartInUtc() {
    String today = Instant.now().toString().substring(0, 10);
    JsonNode created = start(Map.of("receivedAt", today, "dryRun", true));

    assertThat(created.get("receivedAt").asText()).isEqualTo(today + "T00:00:00Z");
    assertThat(created.get("dueAt").asText())
        .isEqualTo(Instant.parse(today + "T00:00:00Z").plus(Duration.ofDays(30)).toString());
    awaitStatus(created.get("purgeId").asText(), "COMPLETED");
  }

  @Test
  void givenALogIndexThePurgeCannotSearch_whenParked_thenTemporalShowsNeedsAttention()
      throws Exception {
    String index = "logs-prod-" + tenant;
    search
        .indices()
        .create(c -> c.index(index).mappings(m -> m.properties("tenant_id", p -> p.text(t -> t))));
    try {
      String id = start(Map.of()).get("purgeId").asText();
      JsonNode parked = awaitStatus(id, "NEEDS_ATTENTION");

      TemporalView view =
          TemporalView.once(
              temporal,
              parked.get("workflowId").asText(),
              parked.get("runId").asText(),
              "NEEDS_ATTENTION");
      assertThat(view.tenant()).isEqualTo(tenant);
      assertThat(view.status()).isEqualTo("NEEDS_ATTENTION");
      assertThat(view.step()).isEqualTo("-");
      assertThat(view.dueAt().toInstant()).isEqualTo(Instant.parse(parked.get("dueAt").asText()));
      assertThat(view.currentDetails()).contains("**NEEDS_ATTENTION**", "preflight", index);
      assertThat(view.activitySummaries()).contains("Check every store can be purged exactly");
      assertThat(view.progress().status().name()).isEqualTo("NEEDS_ATTENTION");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  registry
                      .get("warden.purges.active")
                      .tags("env", "prod", "status", "NEEDS_ATTENTION")
                      .gauge()
                      .value(),
              n -> n >= 1);

      http.postForEntity("/v1/purges/" + id + "/cancel", Map.of("reason", "test"), JsonNode.class);
      awaitStatus(id, "CANCELLED");
    } finally {
      search.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }
  }

  /**
   * Spring Boot's tests replace the Prometheus registry with a simple one (no {@code
   * /actuator/prometheus} without a context of its own), so this checks the registry: every purge
   * meter of the contract, with its tags, and no tenant tag on any Warden meter.
   */
  @Test
  void givenTheApiWithAWorker_whenMetersAreListed_thenEveryPurgeMetricOfTheContractIsThere() {
    Map<String, List<String>> expected =
        Map.ofEntries(
            Map.entry("warden.purges.started", List.of("env", "prod", "dry_run", "false")),
            Map.entry("warden.purges.finished", List.of("env", "prod", "outcome", "completed")),
            Map.entry("warden.purges.active", List.of("env", "prod", "status", "NEEDS_ATTENTION")),
            Map.entry(
                "warden.purges.oldest.seconds",
                List.of("env", "prod", "status", "BLOCKED_BY_KILL_SWITCH")),
            Map.entry("warden.purges.overdue", List.of("env", "prod")),
            Map.entry(
                "warden.purge.step.duration", List.of("step", "storage", "outcome", "success")),
            Map.entry("warden.purge.deleted.items", List.of("store", "storage")),
            Map.entry("warden.purge.deleted.bytes", List.of("store", "logs")),
            Map.entry("warden.purge.residue.found", List.of("store", "index")),
            Map.entry("warden.purge.repairs", List.of("store", "logs")),
            Map.entry("warden.purge.completion", List.of("env", "prod")));
    expected.forEach(
        (name, tags) ->
            assertThat(registry.find(name).tags(tags.toArray(String[]::new)).meter())
                .as("%s %s", name, tags)
                .isNotNull());
    assertThat(registry.getMeters())
        .filteredOn(m -> m.getId().getName().startsWith("warden."))
        .allSatisfy(
            m ->
                assertThat(m.getId().getTags())
                    .noneMatch(
                        t -> t.getKey().toLowerCase(java.util.Locale.ROOT).contains("tenant")));
  }

  private ResponseEntity<JsonNode> extend(String id, String by, String reason) {
    return http.postForEntity(
        "/v1/purges/" + id + "/extend", Map.of("extendBy", by, "reason", reason), JsonNode.class);
  }

  private JsonNode start(Map<String, Object> extra) {
    ResponseEntity<JsonNode> answer = post(extra);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody();
  }

  private ResponseEntity<JsonNode> post(Map<String, Object> extra) {
    Map<String, Object> body =
        new HashMap<>(Map.of("tenantId", tenant, "env", "prod", "reason", "GDPR art. 17"));
    body.putAll(extra);
    return http.postForEntity("/v1/purges", body, JsonNode.class);
  }

  private static List<String> ids(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.spliterator(), false)
        .map(p -> p.get("purgeId").asText())
        .toList();
  }

  private static void assertProblem(
      ResponseEntity<JsonNode> answer, HttpStatus status, String type, String detailSays) {
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:warden:problem:" + type);
    assertThat(answer.getBody().get("detail").asText()).contains(detailSays);
  }
}
