package dev.warden.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.purge.CreatePurge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.MockHttpInputMessage;

class StrictJsonTest {

  static final ObjectMapper STRICT = StrictJson.strict(Jackson2ObjectMapperBuilder.json().build());
  static final StrictJsonConverter CONVERTER = new StrictJsonConverter(STRICT);

  record Sample(
      Boolean flag,
      Long count,
      String name,
      @MultiLine String note,
      Instant at,
      List<String> names,
      Map<String, String> scope,
      Map<String, Object> attributes) {}

  static <T> T read(String json, Class<T> type) throws IOException {
    return type.cast(
        CONVERTER.read(
            type, null, new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8))));
  }

  static Sample read(String json) throws IOException {
    return read(json, Sample.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"flag\":\"\"}",
        "{\"flag\":0}",
        "{\"flag\":1}",
        "{\"flag\":\"false\"}",
        "{\"flag\":\"true\"}",
        "{\"flag\":null}",
        "{\"flag\":[]}",
        "{\"flag\":{}}",
        "{\"count\":\"5\"}",
        "{\"count\":1.5}",
        "{\"count\":true}",
        "{\"count\":100000000000000000000}",
        "{\"count\":\"\"}",
        "{\"name\":5}",
        "{\"name\":true}",
        "{\"name\":null}",
        "{\"name\":[\"a\"]}",
        "{\"name\":\"a\\u0000b\"}",
        "{\"name\":\"a\\nb\"}",
        "{\"name\":\"a\\tb\"}",
        "{\"name\":\"\\ud800\"}",
        "{\"note\":\"a\\u0007b\"}",
        "{\"note\":\"a\\u009bb\"}",
        "{\"at\":\"\"}",
        "{\"at\":12}",
        "{\"names\":\"a\"}",
        "{\"names\":[\"a\",null]}",
        "{\"names\":[1]}",
        "{\"scope\":{\"env\":null}}",
        "{\"scope\":{\"env\":1}}",
        "{\"scope\":{\"e\\u0000nv\":\"x\"}}",
        "{\"attributes\":{\"k\":\"\\u0000\"}}",
        "{\"attributes\":{\"k\\u001b\":\"v\"}}",
        "{\"attributes\":{\"k\":[{\"deep\":\"\\u0001\"}]}}",
        "{\"name\":\"a\",\"name\":\"b\"}",
        "{\"scope\":{\"env\":\"a\",\"env\":\"b\"}}",
        "{\"unknown\":1}",
        "{\"name\":\"a\"} {\"name\":\"b\"}",
        "{\"name\":\"a\"} x",
        "[]",
        "\"\"",
        "null"
      })
  void givenAnAmbiguousOrUnacceptableMember_whenRead_thenRefused(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(HttpMessageNotReadableException.class)
        .hasCauseInstanceOf(JsonProcessingException.class);
  }

  @Test
  void givenStrictlyTypedMembers_whenRead_thenTheyMeanExactlyWhatTheySay() throws Exception {
    Sample s =
        read(
            """
            {"flag":false,"count":42,"name":"acme","note":"line 1\\nline 2\\ttab","at":"2026-05-04T09:30:00Z",
             "names":["a","b"],"scope":{"env":"prod"},"attributes":{"n":1,"s":"x","l":[true,2.5]}}
            """);

    assertThat(s.flag()).isFalse();
    assertThat(s.count()).isEqualTo(42L);
    assertThat(s.name()).isEqualTo("acme");
    assertThat(s.note()).isEqualTo("line 1\nline 2\ttab");
    assertThat(s.at()).isEqualTo(Instant.parse("2026-05-04T09:30:00Z"));
    assertThat(s.names()).containsExactly("a", "b");
    assertThat(s.scope()).containsEntry("env", "prod");
    assertThat(s.attributes()).containsEntry("n", 1).containsEntry("s", "x");
    assertThat(read("{}")).isEqualTo(new Sample(null, null, null, null, null, null, null, null));
  }

  @Test
  void givenTheDryRunThatErasedATenant_whenReadAsAPurgeRequest_thenRefused() {
    for (String dryRun : List.of("\"\"", "0", "\"false\"", "1", "\"true\"", "null")) {
      assertThatThrownBy(
              () ->
                  read(
                      "{\"tenantId\":\"demo\",\"reason\":\"r\",\"dryRun\":" + dryRun + "}",
                      CreatePurge.class))
          .as("dryRun %s", dryRun)
          .isInstanceOf(HttpMessageNotReadableException.class);
    }
  }

  @Test
  void givenTwoTenantIds_whenReadAsAPurgeRequest_thenRefusedNamingTheMember() throws Exception {
    assertThatThrownBy(
            () ->
                read(
                    "{\"tenantId\":\"demo\",\"tenantId\":\"demo-eu\",\"reason\":\"r\"}",
                    CreatePurge.class))
        .hasMessageContaining("Duplicate field 'tenantId'");
    assertThat(
            read("{\"tenantId\":\"demo\",\"reason\":\"r\",\"dryRun\":false}", CreatePurge.class)
                .dryRun())
        .isFalse();
  }

  @Test
  void givenTheSharedMapper_whenStrictIsMade_thenTheSharedOneStaysLenient() throws Exception {
    ObjectMapper shared = Jackson2ObjectMapperBuilder.json().build();
    StrictJson.strict(shared);

    assertThat(shared.readValue("{\"flag\":\"true\"}", Sample.class).flag()).isTrue();
  }
}
