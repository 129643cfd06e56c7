package dev.warden.api.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.TenantQuota;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Storage and indexing quotas on the real routes: ledger, problems, events, S3Proxy. */
class QuotaApiIT extends AbstractDevStackApiTest {

  private static final String EXCEEDED = "urn:warden:problem:quota-exceeded";
  private static final String INVALID = "urn:warden:problem:invalid-request";
  private static S3Fixture s3;

  @Autowired QuotaLedger ledger;
  @Autowired DatasetEventStore events;
  @Autowired ObjectMapper json;
  private String tenant;

  @BeforeAll
  static void connect() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @BeforeEach
  void fresh() {
    releaseAllSwitches();
    tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void givenBadLimits_whenPut_thenEach400ProblemAndNothingChanges() {
    List<Map<String, Object>> bad =
        List.of(
            Map.of("storageBytes", -1, "reason", "r"),
            Map.of("storageBytes", 1L << 60, "reason", "r"),
            Map.of("indexOpsPerDay", -1, "reason", "r"),
            Map.of("rateLimits", Map.of("download", "10/1m"), "reason", "r"),
            Map.of("rateLimits", Map.of("search", "10/0s"), "reason", "r"),
            Map.of("rateLimits", Map.of("search", "ten/1m"), "reason", "r"),
            Map.of("storageBytes", 10),
            Map.of("storageBytes", 10, "reason", " "),
            Map.of("storageBytes", 10, "reason", "x".repeat(501)),
            Map.of("storageByte", 10, "reason", "typo"),
            Map.of("storageBytes", "lots", "reason", "r"));
    for (Map<String, Object> body : bad) {
      ResponseEntity<JsonNode> answer = put(body);
      assertThat(answer.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertProblem(answer, HttpStatus.BAD_REQUEST, INVALID);
    }
    assertThat(ledger.find(tenant, "prod")).isEmpty();
    assertThat(events.findByTenant(tenant, "prod", 10)).isEmpty();
  }

  @Test
  void givenNewLimits_whenPut_thenGetShowsThemAndTheChangeIsAuditedWithTheActor() {
    Map<String, Object> body = new HashMap<>();
    body.put("storageBytes", 5_000); // indexOpsPerDay left out: the default
    body.put("rateLimits", Map.of("search", "100/1m"));
    body.put("reason", "contract tier S, ticket OPS-7");

    ResponseEntity<JsonNode> answer = put(body);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode view = http.getForObject("/v1/tenants/" + tenant + "/quotas", JsonNode.class);
    assertThat(view.at("/storage/limitBytes").asLong()).isEqualTo(5_000);
    assertThat(view.at("/storage/limitSource").asText()).isEqualTo("tenant");
    assertThat(view.at("/storage/availableBytes").asLong()).isEqualTo(5_000);
    assertThat(view.at("/indexOps/limitSource").asText()).isEqualTo("default");
    assertThat(view.at("/rateLimits/search/policy").asText()).isEqualTo("100/1m");
    assertThat(view.at("/rateLimits/search/source").asText()).isEqualTo("tenant");
    assertThat(view.at("/rateLimits/upload/source").asText()).isEqualTo("default");
    assertThat(view.get("limitsChangedBy").asText()).isEqualTo("client:warden-operator");
    List<DatasetEvent> changes =
        events.findByTenant(tenant, "prod", 10).stream()
            .filter(e -> e.type() == DatasetEventType.QUOTA_LIMITS_CHANGED)
            .toList();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).actor()).isEqualTo("client:warden-operator");
    assertThat(changes.get(0).attributes())
        .containsEntry("storageBytesBefore", "null")
        .containsEntry("storageBytes", "5000")
        .containsEntry("reason", "contract tier S, ticket OPS-7");
  }

  @Test
  void given64ConcurrentPresignsForAQuotaThatFits10_whenTheyRace_thenExactly10GetAUrl()
      throws Exception {
    limitStorage(10_000);
    HttpClient client = HttpClient.newHttpClient();
    String presign =
        json.writeValueAsString(
            Map.of(
                "fileName",
                "f.bin",
                "contentType",
                "application/octet-stream",
                "sizeBytes",
                1_000));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(
          client.sendAsync(
              HttpRequest.newBuilder(uri("/v1/tenants/" + tenant + "/uploads/presign"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", TestTokens.bearer(TestTokens.tenant(tenant)))
                  .POST(HttpRequest.BodyPublishers.ofString(presign))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int created = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> answer = call.get();
      if (answer.statusCode() == 201) {
        created++;
        continue;
      }
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      JsonNode problem = json.readTree(answer.body());
      assertThat(problem.get("type").asText()).isEqualTo(EXCEEDED);
      assertThat(problem.get("quota").asText()).isEqualTo("storage-bytes");
      assertThat(problem.get("limit").asLong()).isEqualTo(10_000);
      assertThat(problem.get("requested").asLong()).isEqualTo(1_000);
      assertThat(problem.get("used").asLong() + problem.get("reserved").asLong())
          .isGreaterThan(9_000);
    }

    assertThat(created).isEqualTo(10);
    TenantQuota row = ledger.get(TenantId.of(tenant), Env.of("prod"));
    assertThat(row.storageBytesReserved()).isEqualTo(10_000);
    assertThat(row.storageBytesUsed()).isZero();
    assertThat(
            events.findByTenant(tenant, "prod", 100).stream()
                .filter(e -> e.type() == DatasetEventType.QUOTA_EXCEEDED))
        .as("one event per tenant, quota and hour, not one per refusal")
        .hasSize(1);
  }

  @Test
  void givenAPresignedUrl_whenTheClientSendsMoreThanItReserved_thenTheStoreRefusesIt()
      throws Exception {
    JsonNode upload = presign(10).getBody();
    assertThat(upload.get("sizeBytes").asLong()).isEqualTo(10);
    assertThat(upload.get("reservationId").asText()).isNotBlank();

    HttpResponse<String> tooBig = putTo(upload, new byte[1_000]);
    HttpResponse<String> exact = putTo(upload, new byte[10]);

    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(403);
    assertThat(exact.statusCode()).as(exact.body()).isEqualTo(200);
    assertThat(
            s3.s3()
                .headObject(b -> b.bucket(s3.bucket()).key(upload.get("key").asText()))
                .contentLength())
        .isEqualTo(10);
  }

  @Test
  void givenARateLimitedPresign_whenRefused_thenItReservesNoBytes() {
    assertThat(
            put(Map.of("rateLimits", Map.of("upload", "2/1h"), "reason", "slow tenant"))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(presign(100).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(presign(100).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> third = presign(100);

    assertProblem(third, HttpStatus.TOO_MANY_REQUESTS, "urn:warden:problem:rate-limited");
    assertThat(ledger.get(TenantId.of(tenant), Env.of("prod")).storageBytesReserved())
        .isEqualTo(200);
  }

  @Test
  void givenAFinishedUpload_whenCompleted_thenItsRealSizeMovesFromReservedToUsedOnce()
      throws Exception {
    JsonNode upload = presign(10).getBody();
    JsonNode unused = presign(7).getBody();
    assertThat(putTo(upload, new byte[10]).statusCode()).isEqualTo(200);

    ResponseEntity<JsonNode> done = complete(upload);
    ResponseEntity<JsonNode> again = complete(upload);
    ResponseEntity<JsonNode> notYet = complete(unused);

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody().get("state").asText()).isEqualTo("stored");
    assertThat(done.getBody().get("storedBytes").asLong()).isEqualTo(10);
    assertProblem(again, HttpStatus.NOT_FOUND, "urn:warden:problem:upload-not-found");
    assertProblem(notYet, HttpStatus.CONFLICT, "urn:warden:problem:upload-not-stored");
    TenantQuota row = ledger.get(TenantId.of(tenant), Env.of("prod"));
    assertThat(row.storageBytesUsed()).isEqualTo(10);
    assertThat(row.storageObjects()).isEqualTo(1);
    assertThat(row.storageBytesReserved()).isEqualTo(7);
    assertProblem(
        http.postForEntity(
            "/v1/tenants/acme-eu/uploads/" + unused.get("reservationId").asText() + "/complete",
            null,
            JsonNode.class),
        HttpStatus.NOT_FOUND,
        "urn:warden:problem:upload-not-found");
  }

  @Test
  void givenAnIndexingQuotaOf2_whenAThirdDocumentIsWritten_then429UntilMidnightAndOneEvent() {
    Map<String, Object> limits = new HashMap<>();
    limits.put("indexOpsPerDay", 2);
    limits.put("reason", "trial tenant");
    assertThat(put(limits).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(index("d1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(index("d2").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> third = index("d3");
    ResponseEntity<JsonNode> fourth = index("d4");

    assertProblem(third, HttpStatus.TOO_MANY_REQUESTS, EXCEEDED);
    assertThat(fourth.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    JsonNode problem = third.getBody();
    assertThat(problem.get("quota").asText()).isEqualTo("index-ops-per-day");
    assertThat(problem.get("limit").asLong()).isEqualTo(2);
    assertThat(problem.get("used").asLong()).isEqualTo(2);
    assertThat(problem.get("resetsAt").asText()).endsWith("T00:00:00Z");
    long retryAfter = Long.parseLong(third.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isBetween(1L, 86_400L);
    assertThat(
            events.findByTenant(tenant, "prod", 100).stream()
                .filter(e -> e.type() == DatasetEventType.QUOTA_EXCEEDED))
        .hasSize(1);
    JsonNode view = http.getForObject("/v1/tenants/" + tenant + "/quotas", JsonNode.class);
    assertThat(view.at("/indexOps/usedToday").asLong()).isEqualTo(2);
  }

  @Test
  void givenAFullStorageQuota_whenAPackIsCreated_then403AndNoObjectIsWritten() {
    assertThat(index("p1").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    limitStorage(5);

    ResponseEntity<JsonNode> pack =
        http.postForEntity(
            "/v1/tenants/" + tenant + "/packs",
            Map.of("name", "too big", "documentIds", List.of("p1")),
            JsonNode.class);

    assertProblem(pack, HttpStatus.FORBIDDEN, EXCEEDED);
    assertThat(
            s3.s3()
                .listObjectsV2(b -> b.bucket(s3.bucket()).prefix("tenants/" + tenant + "/packs/"))
                .keyCount())
        .isZero();
    assertThat(ledger.get(TenantId.of(tenant), Env.of("prod")).storageBytesUsed()).isZero();
  }

  private void limitStorage(long bytes) {
    assertThat(put(Map.of("storageBytes", bytes, "reason", "test")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<JsonNode> put(Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(
        "/v1/tenants/" + tenant + "/quotas",
        HttpMethod.PUT,
        new HttpEntity<>(body, headers),
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> presign(long size) {
    return http.postForEntity(
        "/v1/tenants/" + tenant + "/uploads/presign",
        Map.of("fileName", "f.bin", "contentType", "application/octet-stream", "sizeBytes", size),
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> complete(JsonNode upload) {
    return http.postForEntity(
        "/v1/tenants/" + tenant + "/uploads/" + upload.get("reservationId").asText() + "/complete",
        null,
        JsonNode.class);
  }

  private ResponseEntity<JsonNode> index(String docId) {
    return http.exchange(
        "/v1/tenants/" + tenant + "/documents/" + docId,
        HttpMethod.PUT,
        new HttpEntity<>(Map.of("text", "quota test " + docId)),
        JsonNode.class);
  }

  private HttpResponse<String> putTo(JsonNode upload, byte[] body) throws Exception {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    upload
        .get("headers")
        .fields()
        .forEachRemaining(
            h -> {
              if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
              }
            });
    return HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(http.getRootUri() + path);
  }
}
