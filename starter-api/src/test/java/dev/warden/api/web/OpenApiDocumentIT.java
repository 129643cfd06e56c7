package dev.warden.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.gate.AbstractDevStackApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * docs/openapi.json is the running API's {@code /v3/api-docs}: this test fails when the code and
 * the file differ. Regenerate the file with {@code ./warden test -pl starter-api -am -Dtest=NONE
 * -Dit.test=OpenApiDocumentIT -Dwarden.openapi.write=true} (the surefire/failsafe flags {@code
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} too).
 */
class OpenApiDocumentIT extends AbstractDevStackApiTest {

  static final Path DOCUMENT = Path.of("../docs/openapi.json");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  @Test
  void givenTheRunningApi_whenItsOpenApiDocumentIsRead_thenTheCheckedInFileIsTheSame()
      throws Exception {
    ResponseEntity<JsonNode> answer = http.getForEntity("/v3/api-docs", JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    String served = canonical(answer.getBody());
    assertThat(served)
        .contains("\"/v1/purges/{purgeId}/receipt\"")
        .contains("\"onTime\" : true")
        .contains("\"finishedOnTime\" : true");

    if (Boolean.getBoolean("warden.openapi.write")) {
      Files.writeString(DOCUMENT, served);
    }
    assertThat(Files.readString(DOCUMENT))
        .as("docs/openapi.json differs from the API; regenerate it (see this test's javadoc)")
        .isEqualTo(served);
  }

  /** Sorted keys, two-space indent, no {@code servers} (the test's random port). */
  private static String canonical(JsonNode document) throws Exception {
    ((ObjectNode) document).remove("servers");
    return JSON.writeValueAsString(JSON.treeToValue(document, Map.class)) + "\n";
  }
}
