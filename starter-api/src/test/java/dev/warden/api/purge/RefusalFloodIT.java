package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.web.RefusalAudit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A burst of refused calls is counted, not written once per call, and the trail pages: an auditor
 * still finds the purge's own events on the first page.
 */
class RefusalFloodIT extends AbstractPurgeApiTest {

  static final int REFUSED = 10_000;
  private static final Logger log = LoggerFactory.getLogger(RefusalFloodIT.class);

  @Autowired RefusalAudit refusals;

  private final String tenant = "flood-" + UUID.randomUUID().toString().substring(0, 8);
  private boolean engaged;

  @AfterEach
  void release() {
    if (engaged) {
      switchState("RELEASED");
    }
  }

  @Test
  void givenTenThousandRefusedCalls_whenTheTrailIsRead_thenFewEventsCountThemAllAndThePurgeIsOnTop()
      throws Exception {
    String purgeId = dryRunPurge();
    switchState("ENGAGED");
    engaged = true;
    long started = System.nanoTime();

    refuseConcurrently();
    refusals.flushAll();
    long minutes = (System.nanoTime() - started) / 60_000_000_000L;

    List<JsonNode> blocked =
        all("/v1/events?tenantId=" + tenant + "&type=KILL_SWITCH_BLOCKED&limit=1000");
    long counted = blocked.stream().mapToLong(e -> e.at("/attributes/count").asLong()).sum();
    Set<String> windows = new HashSet<>();
    blocked.forEach(e -> windows.add(e.at("/attributes/windowStart").asText()));
    log.info(
        "{} refused calls in {} s: {} KILL_SWITCH_BLOCKED events over {} window(s)",
        REFUSED,
        (System.nanoTime() - started) / 1_000_000_000L,
        blocked.size(),
        windows.size());
    assertThat(counted).isEqualTo(REFUSED);
    assertThat(windows.size()).isLessThanOrEqualTo((int) minutes + 2);
    assertThat(blocked.size())
        .as("events for %s refusals", REFUSED)
        .isLessThanOrEqualTo(2 * windows.size() + 2);

    JsonNode newest =
        http.getForObject(
            "/v1/events?tenantId="
                + tenant
                + "&order=desc&type=PURGE_COMPLETED,PURGE_REQUESTED&limit=10",
            JsonNode.class);
    assertThat(newest)
        .extracting(e -> e.get("type").asText())
        .containsExactly("PURGE_COMPLETED", "PURGE_REQUESTED");
    assertThat(newest)
        .allSatisfy(e -> assertThat(e.at("/attributes/purgeId").asText()).isEqualTo(purgeId));
    JsonNode unfiltered =
        http.getForObject("/v1/events?tenantId=" + tenant + "&order=desc&limit=20", JsonNode.class);
    assertThat(unfiltered).extracting(e -> e.get("type").asText()).contains("PURGE_COMPLETED");
  }

  @Test
  void givenPagesOfOne_whenTheNextLinksAreFollowed_thenEveryEventComesOnceInOrder() {
    dryRunPurge();
    List<JsonNode> whole =
        listOf(http.getForObject("/v1/events?tenantId=" + tenant + "&limit=1000", JsonNode.class));
    List<JsonNode> asc = all("/v1/events?tenantId=" + tenant + "&limit=1");
    List<JsonNode> desc = all("/v1/events?tenantId=" + tenant + "&limit=1&order=desc");

    assertThat(whole).hasSizeGreaterThan(1); // PURGE_REQUESTED, PURGE_COMPLETED
    assertThat(ids(asc)).isEqualTo(ids(whole));
    List<String> newestFirst = new ArrayList<>(ids(whole));
    Collections.reverse(newestFirst);
    assertThat(ids(desc)).isEqualTo(newestFirst);
    ResponseEntity<JsonNode> unknown =
        http.getForEntity(
            "/v1/events?tenantId=" + tenant + "&after=" + UUID.randomUUID(), JsonNode.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<JsonNode> tooMany =
        http.getForEntity("/v1/events?tenantId=" + tenant + "&limit=1001", JsonNode.class);
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private String dryRunPurge() {
    ResponseEntity<JsonNode> answer =
        http.postForEntity(
            "/v1/purges",
            Map.of("tenantId", tenant, "env", "prod", "reason", "flood test", "dryRun", true),
            JsonNode.class);
    assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    String id = answer.getBody().get("purgeId").asText();
    awaitStatus(id, "COMPLETED");
    return id;
  }

  private void refuseConcurrently() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < REFUSED; i++) {
      done.add(
          pool.submit(
              () -> {
                var answer =
                    http.getForEntity("/v1/tenants/{t}/search?q=x", JsonNode.class, tenant);
                if (answer.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
                  refused.incrementAndGet();
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(refused.get()).isEqualTo(REFUSED);
  }

  /** Every page, following {@code Link: <…>; rel="next"} until none comes. */
  private List<JsonNode> all(String first) {
    List<JsonNode> out = new ArrayList<>();
    String next = first;
    while (next != null) {
      ResponseEntity<JsonNode> page = http.getForEntity(next, JsonNode.class);
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
      out.addAll(listOf(page.getBody()));
      String link = page.getHeaders().getFirst("Link");
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      if (next != null) {
        next = next.substring(next.indexOf("/v1/"));
      }
    }
    return out;
  }

  private static List<JsonNode> listOf(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static List<String> ids(List<JsonNode> events) {
    return events.stream().map(e -> e.get("eventId").asText()).toList();
  }

  private void switchState(String state) {
    Map<String, Object> body =
        Map.of(
            "scope",
            Map.of("tenantId", tenant, "action", "search"),
            "state",
            state,
            "reason",
            "flood test " + state);
    ResponseEntity<JsonNode> answer =
        http.exchange("/v1/kill-switches", HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
    try {
      Thread.sleep(300); // the cache's bounded staleness (LISTEN is faster; the poll is 250 ms)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
