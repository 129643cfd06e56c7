package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.json.JsonDocuments;
import dev.warden.api.json.JsonDocuments.Document;
import dev.warden.api.json.JsonDocuments.Kind;
import dev.warden.api.json.StrictJson;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.tenant.Env;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * The purge request as the API reads and validates it: whatever document arrives, a purge that
 * deletes is only ever asked for when {@code dryRun} is absent or the JSON literal {@code false}.
 * Documents are biased toward valid tenant ids and the deployment's env so that many get as far as
 * a purge record.
 */
class PurgeRequestPropertyTest {

  static final MappingJackson2HttpMessageConverter CONVERTER =
      StrictJson.converter(Jackson2ObjectMapperBuilder.json().build());
  static final Env PROD = Env.of("prod");
  static final PurgeService SERVICE =
      new PurgeService(
          null,
          null,
          null,
          null,
          null,
          PROD,
          new ApprovalPolicy("", "7d", PROD),
          Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));

  @Provide
  Arbitrary<Document> requests() {
    Map<String, Kind> schema = new LinkedHashMap<>();
    schema.put("tenantId", Kind.STRING);
    schema.put("env", Kind.STRING);
    schema.put("reason", Kind.MULTI_LINE);
    schema.put("ticket", Kind.STRING);
    schema.put("dryRun", Kind.BOOLEAN);
    Arbitrary<String> fixedPrefix =
        Arbitraries.of(
            "{\"tenantId\":\"acme\",\"env\":\"prod\",\"reason\":\"GDPR\",",
            "{\"tenantId\":\"acme-eu\",\"env\":\"prod\",\"reason\":\"r\",\"ticket\":\"T-1\",");
    Arbitrary<Document> around = JsonDocuments.documents(schema);
    Arbitrary<Document> dryRunOnly =
        JsonDocuments.documents(Map.of("dryRun", Kind.BOOLEAN))
            .flatMap(
                d ->
                    fixedPrefix.map(
                        prefix ->
                            new Document(
                                d.json().equals("{}")
                                    ? prefix.substring(0, prefix.length() - 1) + "}"
                                    : prefix + d.json().substring(1),
                                d.acceptable(),
                                d.values())));
    return Arbitraries.oneOf(around, dryRunOnly);
  }

  @Property(tries = 3000)
  void givenAnyPurgeRequest_whenReadAndValidated_thenItDeletesOnlyWhenDryRunIsAbsentOrFalse(
      @ForAll("requests") Document document) throws Exception {
    CreatePurge body;
    try {
      body =
          (CreatePurge)
              CONVERTER.read(
                  CreatePurge.class,
                  null,
                  new MockHttpInputMessage(document.json().getBytes(StandardCharsets.UTF_8)));
    } catch (HttpMessageNotReadableException refused) {
      assertThat(document.acceptable()).as("refused %s", document).isFalse();
      return;
    }
    assertThat(document.acceptable()).as("accepted %s", document).isTrue();
    PurgeRecord record;
    try {
      record = SERVICE.validate(body, new RequestContext("user:c", "trace"));
    } catch (IllegalArgumentException | WardenProblem refusedByRules) {
      return; // a 400 naming the rule: nothing is started
    }
    Map<String, Object> said = document.values();
    if (!record.dryRun()) {
      assertThat(!said.containsKey("dryRun") || Boolean.FALSE.equals(said.get("dryRun")))
          .as("a deleting purge from %s", document)
          .isTrue();
    } else {
      assertThat(said.get("dryRun")).as("a dry run from %s", document).isEqualTo(true);
    }
  }
}
