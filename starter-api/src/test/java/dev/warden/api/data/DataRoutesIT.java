package dev.warden.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.S3Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** The heavy data routes end to end on S3Proxy and OpenSearch, tenant against tenant. */
class DataRoutesIT extends AbstractDevStackApiTest {

  private static S3Fixture s3;

  @Autowired ObjectMapper json;
  private String word; // a token no other test indexes, so searches only see this test's docs

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
    word = "w" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void givenAPresignedUrl_whenTheClientPutsItsFile_thenTheObjectIsInTheTenantsUploads()
      throws Exception {
    byte[] content = "quarterly numbers".getBytes(StandardCharsets.UTF_8);

    ResponseEntity<JsonNode> presigned =
        http.postForEntity(
            "/v1/tenants/acme/uploads/presign",
            Map.of(
                "fileName", "Q3 report (final).csv",
                "contentType", "text/csv",
                "sizeBytes", content.length),
            JsonNode.class);

    assertThat(presigned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode upload = presigned.getBody();
    String key = upload.get("key").asText();
    assertThat(key).matches("tenants/acme/uploads/[0-9a-f-]{36}/Q3reportfinal\\.csv");
    assertThat(upload.get("method").asText()).isEqualTo("PUT");
    assertThat(upload.get("expiresAt").asText()).isNotBlank();
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    upload
        .get("headers")
        .fields()
        .forEachRemaining(
            h -> {
              if (!h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
              }
            });
    HttpResponse<String> stored =
        HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    assertThat(s3.s3().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray())
        .isEqualTo(content);
  }

  @Test
  void givenTwoTenantsIndexingTheSameDocIds_whenEachSearches_thenEachSeesOnlyItsOwn() {
    assertThat(index("acme", "d1", "acme " + word + " invoice").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(index("acme-eu", "d1", "acme-eu " + word + " invoice").getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    index("acme-eu", "d2", "acme-eu " + word + " receipt");
    ResponseEntity<JsonNode> again = index("acme", "d1", "acme " + word + " invoice v2");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("result").asText()).isEqualTo("updated");
    assertThat(again.getBody().get("index").asText()).isEqualTo("docs-prod");

    // A refresh between the two writes may show v1 first: wait for the update, not just a hit.
    JsonNode acme =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> searchUntil("acme", 1), r -> r.at("/hits/0/text").asText().endsWith(" v2"));
    JsonNode acmeEu = searchUntil("acme-eu", 2);

    assertThat(acme.get("hits")).hasSize(1);
    assertThat(acme.at("/hits/0/docId").asText()).isEqualTo("d1");
    assertThat(acme.at("/hits/0/text").asText()).isEqualTo("acme " + word + " invoice v2");
    assertThat(acmeEu.get("hits").findValuesAsText("text"))
        .containsExactlyInAnyOrder("acme-eu " + word + " invoice", "acme-eu " + word + " receipt");
  }

  @Test
  void givenIndexedDocuments_whenAPackIsCreated_thenS3HoldsThemAsOneJsonObject() throws Exception {
    index("acme", word + "-a", "first " + word, Map.of("lang", "en"));
    index("acme", word + "-b", "second " + word, null);

    ResponseEntity<JsonNode> created =
        http.exchange(
            RequestEntity.post("/v1/tenants/acme/packs")
                .body(
                    Map.of(
                        "name", "audit bundle", "documentIds", List.of(word + "-b", word + "-a"))),
            JsonNode.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode view = created.getBody();
    String packId = view.get("packId").asText();
    assertThat(view.get("key").asText()).isEqualTo("tenants/acme/packs/" + packId + ".json");
    assertThat(view.get("documents").asInt()).isEqualTo(2);
    byte[] object =
        s3.s3()
            .getObjectAsBytes(b -> b.bucket(s3.bucket()).key(view.get("key").asText()))
            .asByteArray();
    assertThat(view.get("bytes").asLong()).isEqualTo(object.length);
    JsonNode pack = json.readTree(object);
    assertThat(pack.get("tenantId").asText()).isEqualTo("acme");
    assertThat(pack.get("name").asText()).isEqualTo("audit bundle");
    assertThat(pack.get("createdBy").asText()).isEqualTo("client:warden-tenant");
    assertThat(pack.get("documents").findValuesAsText("docId"))
        .containsExactly(word + "-b", word + "-a");
    assertThat(pack.at("/documents/1/attributes/lang").asText()).isEqualTo("en");
    assertThat(pack.at("/documents/0/text").asText()).isEqualTo("second " + word);
  }

  @Test
  void givenADocumentOfAnotherTenantOrNone_whenPacked_thenA404NamesWhatIsMissing() {
    index("acme", word + "-mine", "mine", null);
    index("acme-eu", word + "-theirs", "theirs", null);
    Map<String, String> packsBefore = s3.snapshot("tenants/acme/packs/");

    ResponseEntity<JsonNode> answer =
        http.postForEntity(
            "/v1/tenants/acme/packs",
            Map.of("name", "p", "documentIds", List.of(word + "-mine", word + "-theirs", "nope")),
            JsonNode.class);

    assertProblem(answer, HttpStatus.NOT_FOUND, "urn:warden:problem:document-not-found");
    assertThat(json.convertValue(answer.getBody().get("missing"), List.class))
        .containsExactly(word + "-theirs", "nope");
    assertThat(s3.snapshot("tenants/acme/packs/")).isEqualTo(packsBefore);
  }

  @Test
  void givenBadInput_whenAnyDataRouteIsCalled_thenA400Problem() {
    // No tenant token can name a malformed tenant id, so on the data routes such a path is
    // refused by the security layer before it is parsed (403, the token's tenant differs) ...
    String acmeToken = TestTokens.bearer(TestTokens.tenant("acme"));
    for (String route :
        List.of(
            "/v1/tenants/ACME/uploads/presign",
            "/v1/tenants/acme..x/packs",
            "/v1/tenants/a/packs")) {
      assertProblem(
          http.exchange(
              RequestEntity.post(route)
                  .header(HttpHeaders.AUTHORIZATION, acmeToken)
                  .body(Map.of("fileName", "a", "sizeBytes", 1)),
              JsonNode.class),
          HttpStatus.FORBIDDEN,
          "urn:warden:problem:forbidden");
    }
    // ... and where a role may name any tenant, the malformed id is a 400.
    assertProblem(
        http.getForEntity("/v1/tenants/Acme/quotas", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-tenant-id");
    assertProblem(
        index("acme", "a:b", "x", null),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        index("acme", "d1", " ", null),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    for (Map<String, Object> body :
        List.of(
            Map.<String, Object>of("fileName", "..", "sizeBytes", 1),
            Map.<String, Object>of("fileName", "a.bin", "sizeBytes", 0),
            Map.<String, Object>of("fileName", "a.bin", "sizeBytes", 5L * 1024 * 1024 * 1024 + 1),
            Map.<String, Object>of("fileName", "a.bin"))) {
      assertProblem(
          http.postForEntity("/v1/tenants/acme/uploads/presign", body, JsonNode.class),
          HttpStatus.BAD_REQUEST,
          "urn:warden:problem:invalid-request");
    }
    assertProblem(
        http.getForEntity("/v1/tenants/acme/search", JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
    assertProblem(
        http.postForEntity("/v1/tenants/acme/packs", Map.of("name", "p"), JsonNode.class),
        HttpStatus.BAD_REQUEST,
        "urn:warden:problem:invalid-request");
  }

  private ResponseEntity<JsonNode> index(String tenant, String docId, String text) {
    return index(tenant, docId, text, null);
  }

  private ResponseEntity<JsonNode> index(
      String tenant, String docId, String text, Map<String, Object> attributes) {
    Map<String, Object> body = new HashMap<>();
    body.put("text", text);
    if (attributes != null) { // null is never a value: the member is left out
      body.put("attributes", attributes);
    }
    return http.exchange(
        RequestEntity.put("/v1/tenants/{t}/documents/{d}", tenant, docId).body(body),
        JsonNode.class);
  }

  /** Search is near real time: waits for the refresh that makes the documents visible. */
  private JsonNode searchUntil(String tenant, int hits) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                http.getForObject(
                    "/v1/tenants/{t}/search?q={q}&size=50", JsonNode.class, tenant, word),
            r -> r.get("total").asLong() >= hits);
  }
}
