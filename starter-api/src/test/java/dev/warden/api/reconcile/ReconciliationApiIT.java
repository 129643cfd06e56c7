package dev.warden.api.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.killswitch.CachedKillSwitches;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaReservations;
import dev.warden.engines.quota.Reservation;
import dev.warden.engines.quota.TenantQuota;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operators' path end to end: HTTP API → Temporal → in-process worker → S3Proxy, OpenSearch and
 * PostgreSQL. Runs name their tenants, so other tests' data in the shared bucket is never touched.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ReconcileInProcessWorker.class)
class ReconciliationApiIT {

  static final Env PROD = Env.of("prod");
  static S3Fixture s3;

  @Autowired TestRestTemplate http;
  @Autowired QuotaLedger ledger;
  @Autowired QuotaReservations reservations;
  @Autowired JdbcClient jdbc;
  @Autowired DatasetEventStore events;
  @Autowired KillSwitchService killSwitches;
  @Autowired CachedKillSwitches cachedKillSwitches;
  @Autowired PurgeRecordStore purges;
  @Autowired StaleReconciliations stale;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
  }

  @BeforeAll
  static void s3() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @BeforeEach
  void plainHttpClient() {
    http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
    TestTokens.addTo(http.getRestTemplate());
  }

  static String tenant(String name) {
    return "rc-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  void ledgerRow(String tenant, long bytes, long objects) {
    jdbc.sql(
            """
            insert into quota_ledger (tenant_id, env, storage_bytes_used, storage_objects,
              updated_at) values (?, 'prod', ?, ?, now())
            """)
        .params(tenant, bytes, objects)
        .update();
  }

  @Test
  void givenDriftBehindTheApisBack_whenReconciled_thenEveryLedgerRowHoldsTheExactBytes() {
    // Objects put straight into S3: the ledger knows of 1 of 4 (10 bytes).
    String direct = tenant("direct");
    IntStream.range(0, 4).forEach(i -> s3.put("tenants/" + direct + "/f" + i, "0123456789"));
    ledgerRow(direct, 10, 1);
    // Objects deleted behind the API's back: the ledger still counts 500 bytes in 2 objects.
    String deleted = tenant("deleted");
    ledgerRow(deleted, 500, 2);
    // Presigns whose URL expired: one object arrived (7 bytes of 20 reserved), one never did.
    String expired = tenant("expired");
    Instant past = Instant.now().minusSeconds(60);
    reservations.reserve(
        TenantId.of(expired), PROD, "tenants/" + expired + "/a.bin", 20, past, "u", null);
    reservations.reserve(
        TenantId.of(expired), PROD, "tenants/" + expired + "/b.bin", 30, past, "u", null);
    s3.put("tenants/" + expired + "/a.bin", "1234567");
    // An upload under way: reserved, its object already there, not yet settled.
    Reservation open =
        reservations.reserve(
            TenantId.of(direct),
            PROD,
            "tenants/" + direct + "/open.bin",
            5,
            Instant.now().plusSeconds(3600),
            "u",
            null);
    s3.put("tenants/" + direct + "/open.bin", "abcde");
    // Never went through the API: no ledger row at all.
    String stranger = tenant("stranger");
    s3.put("tenants/" + stranger + "/x", "xyz");

    JsonNode run = runToEnd(Map.of("tenantIds", List.of(direct, deleted, expired, stranger)));

    assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(run.at("/counts/tenants").asLong()).isEqualTo(4);
    assertThat(run.at("/counts/failed").asLong()).isZero();
    assertUsage(direct, 40, 4);
    assertUsage(deleted, 0, 0);
    assertUsage(expired, 7, 1);
    assertUsage(stranger, 3, 1);
    assertThat(ledger.get(TenantId.of(expired), PROD).storageBytesReserved()).isZero();
    TenantQuota directRow = ledger.get(TenantId.of(direct), PROD);
    assertThat(directRow.storageBytesReserved()).isEqualTo(5);
    assertThat(directRow.lastDriftBytes()).isEqualTo(30);
    assertThat(directRow.lastReconciliationId()).isEqualTo(run.get("reconciliationId").asText());
    assertThat(directRow.lastReconciledAt()).isNotNull();
    // The upload's own settlement counts it once: the run neither lost nor counted it.
    reservations.settle(open.reservationId(), 5L);
    assertUsage(direct, 45, 5);

    List<DatasetEvent> reconciled = reconciledEvents(direct);
    assertThat(reconciled).hasSize(1);
    assertThat(reconciled.get(0).attributes())
        .containsEntry("storageBytesBefore", "10")
        .containsEntry("storageBytesAfter", "40")
        .containsEntry("driftBytes", "30")
        .containsEntry("reconciliationId", run.get("reconciliationId").asText());
    assertThat(reconciledEvents(deleted)).hasSize(1);
    assertThat(run.get("tenantsWithDrift").findValuesAsText("tenantId"))
        .contains(direct, deleted, stranger);
  }

  @Test
  void givenAnActivePurge_whenItsTenantIsReconciled_thenTheLedgerIsLeftToThePurge() {
    String purged = tenant("purged");
    ledgerRow(purged, 0, 0);
    s3.put("tenants/" + purged + "/left", "still being deleted");
    purges.admit(
        PurgeRecord.requested(TenantId.of(purged), PROD, "user:dpo", "GDPR", null, "t", 0, false),
        r -> "tenant-purge/prod/" + purged);

    JsonNode run = runToEnd(Map.of("tenantIds", List.of(purged)));

    assertThat(run.at("/counts/deferred").asLong()).isEqualTo(1);
    assertUsage(purged, 0, 0);
    assertThat(reconciledEvents(purged)).isEmpty();
  }

  @Test
  void givenAReconcileKillSwitch_whenARunIsAsked_thenItWaitsA409NamesItAndReleaseLetsItFinish() {
    String t = tenant("blocked");
    s3.put("tenants/" + t + "/f", "12345");
    KillSwitchSpec scope = KillSwitchSpec.of(PROD, null, null, KillSwitchAction.RECONCILE);
    killSwitches.engage(scope, "incident 42", "user:ops", null, null);
    cachedKillSwitches.refresh();
    try {
      ResponseEntity<JsonNode> first =
          http.postForEntity(
              "/v1/reconciliations", Map.of("tenantIds", List.of(t)), JsonNode.class);
      assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      String id = first.getBody().get("reconciliationId").asText();

      ResponseEntity<JsonNode> second =
          http.postForEntity("/v1/reconciliations", Map.of(), JsonNode.class);
      assertProblem(second, HttpStatus.CONFLICT, "urn:warden:problem:reconciliation-running");
      assertThat(second.getBody().get("runningReconciliationId").asText()).isEqualTo(id);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(id).get("status").asText().equals("RUNNING"));
      assertThat(ledger.find(t, "prod")).isEmpty();
      // Blocked for long is not stale: its workflow is running, so the sweep leaves it alone.
      backdate(id);
      assertThat(stale.sweep()).isFalse();
      assertThat(get(id).get("status").asText()).isEqualTo("RUNNING");

      killSwitches.release(scope, "resolved", "user:ops", null);
      cachedKillSwitches.refresh();
      JsonNode done = awaitEnd(id);
      assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
      assertUsage(t, 5, 1);
    } finally {
      killSwitches.release(scope, "test cleanup", "user:ops", null);
      cachedKillSwitches.refresh();
    }
  }

  @Test
  void givenBadInput_whenSent_thenEveryErrorIsProblemJson() {
    assertProblem(
        http.postForEntity(
            "/v1/reconciliations", Map.of("tenantIds", List.of("acme/../x")), JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-tenant-id");
    assertProblem(
        http.postForEntity(
            "/v1/reconciliations",
            Map.of("tenantIds", IntStream.range(0, 1001).mapToObj(i -> "t" + i).toList()),
            JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    ResponseEntity<JsonNode> unknown =
        http.postForEntity(
            "/v1/reconciliations", Map.of("tenantIds", List.of(tenant("nobody"))), JsonNode.class);
    assertProblem(unknown, HttpStatus.BAD_REQUEST, "urn:warden:problem:unknown-tenant");
    assertThat(unknown.getBody().get("unknownTenantIds")).hasSize(1);
    assertProblem(
        http.getForEntity("/v1/reconciliations/" + UUID.randomUUID(), JsonNode.class),
        HttpStatus.NOT_FOUND,
        "urn:warden:problem:reconciliation-not-found");
    assertProblem(
        http.getForEntity("/v1/reconciliations?limit=1000", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
  }

  @Test
  void givenFinishedRuns_whenListed_thenNewestFirstAndBounded() {
    String t = tenant("listed");
    s3.put("tenants/" + t + "/f", "1");
    String id =
        runToEnd(Map.of("tenantIds", List.of(t), "dryRun", true)).get("reconciliationId").asText();

    JsonNode list = http.getForObject("/v1/reconciliations?limit=1", JsonNode.class);

    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("reconciliationId").asText()).isEqualTo(id);
    assertThat(list.get(0).get("dryRun").asBoolean()).isTrue();
    assertThat(list.get(0).at("/counts/withDrift").asLong()).isEqualTo(1);
    assertThat(ledger.find(t, "prod")).isEmpty(); // a dry run writes nothing
  }

  @Test
  void
      givenARunningRecordWhoseWorkflowTemporalForgot_whenARunIsAsked_thenItEndsFailedAndANewOneRuns() {
    String stale = "stale-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into reconciliation_runs (reconciliation_id, env, status, requested_by,
              workflow_id, requested_at)
            values (?, 'prod', 'RUNNING', 'system:test', ?, now())
            """)
        .params(stale, "quota-reconciliation/prod/" + stale)
        .update();

    String after = tenant("after");
    ledgerRow(after, 0, 0);
    JsonNode run = runToEnd(Map.of("tenantIds", List.of(after)));

    assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(get(stale).get("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void givenARunningRecordWhoseWorkflowIsGone_whenTheSweepRuns_thenItEndsFailedPastTheStartGrace() {
    String gone = "gone-" + UUID.randomUUID();
    jdbc.sql(
            """
            insert into reconciliation_runs (reconciliation_id, env, status, requested_by,
              workflow_id, requested_at)
            values (?, 'prod', 'RUNNING', 'system:test', ?, now())
            """)
        .params(gone, "quota-reconciliation/prod/" + gone)
        .update();
    try {
      // Recorded moments ago: its workflow's start may still be on its way.
      assertThat(stale.sweep()).isFalse();
      assertThat(get(gone).get("status").asText()).isEqualTo("RUNNING");

      backdate(gone);
      assertThat(stale.sweep()).isTrue();

      JsonNode ended = get(gone);
      assertThat(ended.get("status").asText()).isEqualTo("FAILED");
      assertThat(ended.get("detail").asText()).contains("no longer running");
      assertThat(stale.sweep()).isFalse();
    } finally {
      jdbc.sql("update reconciliation_runs set status = 'FAILED' where reconciliation_id = ?")
          .param(gone)
          .update();
    }
  }

  void backdate(String id) {
    jdbc.sql(
            """
            update reconciliation_runs set requested_at = now() - interval '10 minutes'
            where reconciliation_id = ?
            """)
        .param(id)
        .update();
  }

  JsonNode runToEnd(Map<String, ?> body) {
    ResponseEntity<JsonNode> started =
        http.postForEntity("/v1/reconciliations", body, JsonNode.class);
    assertThat(started.getStatusCode())
        .as(String.valueOf(started.getBody()))
        .isEqualTo(HttpStatus.ACCEPTED);
    assertThat(started.getHeaders().getLocation()).isNotNull();
    return awaitEnd(started.getBody().get("reconciliationId").asText());
  }

  JsonNode awaitEnd(String id) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> get(id), r -> !r.get("status").asText().equals("RUNNING"));
  }

  JsonNode get(String id) {
    return http.getForObject("/v1/reconciliations/" + id, JsonNode.class);
  }

  void assertUsage(String tenant, long bytes, long objects) {
    TenantQuota row = ledger.find(tenant, "prod").orElseThrow();
    assertThat(row.storageBytesUsed()).as("bytes of " + tenant).isEqualTo(bytes);
    assertThat(row.storageObjects()).as("objects of " + tenant).isEqualTo(objects);
  }

  List<DatasetEvent> reconciledEvents(String tenant) {
    return events.findByTenant(tenant, "prod", 100).stream()
        .filter(e -> e.type() == DatasetEventType.QUOTA_RECONCILED)
        .toList();
  }

  static void assertProblem(ResponseEntity<JsonNode> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo(type);
  }
}
