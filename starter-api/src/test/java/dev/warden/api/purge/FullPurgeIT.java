package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.indexpurge.IndexFixture;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.receipt.ReceiptVerifier;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Every store at once: objects, documents, log-index entries and mixed-tenant log archives of acme
 * and its look-alike neighbours; a purge of acme leaves residue 0 and the rest identical.
 */
class FullPurgeIT extends AbstractPurgeApiTest {

  static final List<String> TENANTS = List.of("acme", "acme-eu", "acme2", "acm");
  static final List<String> LOG_INDICES = List.of("logs-prod-2026.11.01", "logs-prod-2026.11.02");
  static S3Fixture s3;
  static IndexFixture search;

  @AfterEach
  void reopenAcme() {
    reopen("acme"); // the data-route tests write for acme too
  }

  @BeforeAll
  static void seed() throws IOException {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    s3.clear();
    search = new IndexFixture();
    search
        .client
        .indices()
        .delete(d -> d.index("docs-prod", "logs-prod-*").ignoreUnavailable(true));
    search.createIndex("docs-prod");
    LOG_INDICES.forEach(FullPurgeIT::createIndex);
    for (String tenant : TENANTS) {
      IntStream.range(0, 120).forEach(i -> s3.put("tenants/" + tenant + "/f" + i, tenant + i));
      search.index(
          "docs-prod", tenant, tenant + "-doc", 1_500, "contract of acme and " + tenant, true);
      for (String index : LOG_INDICES) {
        search.index(index, tenant, tenant + "-log", 300, "login of " + tenant, true);
      }
    }
    s3.put("tenants/acme.txt", "not in the folder");
    s3.put("logs/prod/tenants/acme/app.log", "acme's own log object");
    for (int day = 1; day <= 3; day++) {
      putArchive("logs/prod/2026/11/0" + day + "/app.jsonl.gz", archive(day));
    }
    putArchive("logs/staging/2026/11/01/app.jsonl.gz", archive(9));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Autowired QuotaLedger quotas;
  @Autowired DatasetEventStore events;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void givenAcmeInEveryStore_whenPurged_thenResidueIsZeroEverywhereAndNeighboursAreIdentical()
      throws Exception {
    Map<String, String> objectsBefore = s3Others();
    Map<String, String> docsBefore = search.othersThan("docs-prod", "acme");
    Map<String, String> logsBefore = search.othersThan("logs-prod-*", "acme");
    quotas.admitWrite(TenantId.of("acme"), Env.of("prod"), 4_096);
    quotas.admitWrite(TenantId.of("acme-eu"), Env.of("prod"), 2_048);
    long neighbourUsed = quotas.get(TenantId.of("acme-eu"), Env.of("prod")).storageBytesUsed();

    HttpHeaders traced = new HttpHeaders();
    traced.set("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    ResponseEntity<JsonNode> started =
        http.postForEntity(
            "/v1/purges",
            new HttpEntity<>(
                Map.of(
                    "tenantId",
                    "acme",
                    "env",
                    "prod",
                    "reason",
                    "GDPR art. 17",
                    "ticket",
                    "GDPR-9"),
                traced),
            JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = started.getBody().get("purgeId").asText();
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(300))
            .until(
                () -> http.getForObject("/v1/purges/" + id, JsonNode.class),
                p -> !List.of("REQUESTED", "RUNNING").contains(p.get("status").asText()));

    assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(quotas.get(TenantId.of("acme"), Env.of("prod")).storageBytesUsed())
        .as("a purged tenant's usage starts again from zero")
        .isZero();
    assertThat(quotas.get(TenantId.of("acme-eu"), Env.of("prod")).storageBytesUsed())
        .isEqualTo(neighbourUsed);
    JsonNode receipt = http.getForObject("/v1/purges/" + id + "/receipt", JsonNode.class);
    assertThat(receipt.get("partial").asBoolean()).isFalse();
    assertThat(receipt.get("residue").properties())
        .allSatisfy(count -> assertThat(count.getValue().asLong()).isZero());
    Map<String, Long> deleted = new TreeMap<>();
    receipt
        .get("deleted")
        .forEach(s -> deleted.put(s.get("step").asText(), s.get("items").asLong()));
    // 120 objects; 1,500 documents; 600 log documents + 3 x 40 archive lines + 1 log object.
    assertThat(deleted)
        .containsEntry("STORAGE", 120L)
        .containsEntry("INDEX", 1_500L)
        .containsEntry("LOGS", 600L + 120L + 1L);
    assertThat(done.at("/deleted/objects").asLong()).isEqualTo(120);
    receipt
        .get("deleted")
        .forEach(
            s ->
                assertThat(s.get("archivesRead").asLong())
                    .as("archives read by " + s.get("step"))
                    .isEqualTo("LOGS".equals(s.get("step").asText()) ? 3 : 0));

    assertSignedAndVerifiableWithOnlyThePublishedKeys(receipt);

    assertThat(s3.snapshot("tenants/acme/")).isEmpty();
    assertThat(s3Others()).isEqualTo(objectsBefore);
    assertThat(search.othersThan("docs-prod", "acme")).isEqualTo(docsBefore);
    assertThat(search.othersThan("logs-prod-*", "acme")).isEqualTo(logsBefore);
    for (int day = 1; day <= 3; day++) {
      assertThat(readArchive("logs/prod/2026/11/0" + day + "/app.jsonl.gz"))
          .isEqualTo(withoutAcme(archive(day)));
    }
    assertThat(readArchive("logs/staging/2026/11/01/app.jsonl.gz")).isEqualTo(archive(9));

    // Every event of the purge, the worker's step events included, carries the request's trace.
    List<DatasetEvent> purgeEvents =
        events.findByTenant("acme", "prod", 500).stream()
            .filter(e -> id.equals(e.attributes().get("purgeId")))
            .toList();
    assertThat(purgeEvents)
        .extracting(DatasetEvent::type)
        .contains(
            DatasetEventType.PURGE_REQUESTED,
            DatasetEventType.STEP_STARTED,
            DatasetEventType.STEP_COMPLETED,
            DatasetEventType.PURGE_COMPLETED);
    assertThat(purgeEvents).allSatisfy(e -> assertThat(e.traceId()).isEqualTo(TRACE_ID));
    assertThat(started.getHeaders().getFirst("X-Trace-Id")).isEqualTo(TRACE_ID);
  }

  private static Map<String, String> s3Others() {
    Map<String, String> all = new TreeMap<>(s3.snapshot(""));
    all.keySet().removeIf(k -> k.startsWith("tenants/acme/") || k.startsWith("logs/"));
    return all;
  }

  private static void createIndex(String index) {
    try {
      search.createIndex(index);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 40 lines of each tenant, interleaved, as a shared application log would have them. */
  static String archive(int day) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      for (String tenant : TENANTS) {
        out.append(
            "{\"tenant_id\":\"%s\",\"day\":%d,\"n\":%d,\"msg\":\"acme login\"}\n"
                .formatted(tenant, day, i));
      }
    }
    return out.toString();
  }

  static String withoutAcme(String text) {
    return text.lines()
        .filter(l -> !l.contains("\"tenant_id\":\"acme\""))
        .map(l -> l + "\n")
        .collect(Collectors.joining());
  }

  static void putArchive(String key, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    s3.s3()
        .putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromBytes(bytes.toByteArray()));
  }

  static String readArchive(String key) throws IOException {
    byte[] gz = s3.s3().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray();
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  // What an auditor does: the JWKS from the open route (no token), the receipt as served.
  private void assertSignedAndVerifiableWithOnlyThePublishedKeys(JsonNode receipt)
      throws Exception {
    HttpResponse<String> keys =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(http.getRootUri() + "/v1/receipts/keys")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(keys.statusCode()).isEqualTo(200);
    assertThat(keys.body()).doesNotContain("\"d\""); // public parts only
    ReceiptVerifier verifier = new ReceiptVerifier(JWKSet.parse(keys.body()));
    assertThat(receipt.get("signature").asText()).isNotBlank();
    // Signed by an app logged in as the devstack's app role (a member of warden_app), not the
    // owner: the split roles of production (V17, V18).
    assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("warden");
    ReceiptVerifier.Verdict verdict = verifier.verify(receipt);
    assertThat(verdict.valid()).as(verdict.reason()).isTrue();

    ObjectNode tampered = receipt.deepCopy();
    JsonNode storage = tampered.get("deleted").get(0);
    ((ObjectNode) storage).put("items", storage.get("items").asLong() + 1);
    assertThat(verifier.verify(tampered).valid()).isFalse();
    assertThat(verifier.verify(tampered).reason()).contains("deleted[0].items");
  }
}
