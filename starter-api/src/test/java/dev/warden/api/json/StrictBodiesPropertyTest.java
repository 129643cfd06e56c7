package dev.warden.api.json;

import static dev.warden.api.json.JsonDocuments.Kind.BOOLEAN;
import static dev.warden.api.json.JsonDocuments.Kind.FREE_MAP;
import static dev.warden.api.json.JsonDocuments.Kind.INSTANT;
import static dev.warden.api.json.JsonDocuments.Kind.LONG;
import static dev.warden.api.json.JsonDocuments.Kind.MULTI_LINE;
import static dev.warden.api.json.JsonDocuments.Kind.STRING;
import static dev.warden.api.json.JsonDocuments.Kind.STRING_LIST;
import static dev.warden.api.json.JsonDocuments.Kind.STRING_MAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.json.JsonDocuments.Document;
import dev.warden.api.json.JsonDocuments.Kind;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * Every request body of the API, read by the API's own converter: a random document around the
 * body's schema is refused exactly when it is ambiguous (a wrong JSON type, null, a member named
 * twice, an unknown member, content after it, unacceptable text), and otherwise means exactly what
 * it says, member by member.
 */
class StrictBodiesPropertyTest {

  static final ObjectMapper STRICT = StrictJson.strict(Jackson2ObjectMapperBuilder.json().build());
  static final StrictJsonConverter CONVERTER = new StrictJsonConverter(STRICT);

  /** Body class name → members and their kinds, as the records declare them. */
  static final Map<String, Map<String, Kind>> BODIES = new LinkedHashMap<>();

  static {
    BODIES.put(
        "dev.warden.api.purge.CreatePurge",
        schema(
            "tenantId",
            STRING,
            "env",
            STRING,
            "reason",
            MULTI_LINE,
            "ticket",
            STRING,
            "gracePeriod",
            STRING,
            "dryRun",
            BOOLEAN,
            "receivedAt",
            STRING));
    BODIES.put("dev.warden.api.purge.CancelPurge", schema("reason", MULTI_LINE));
    BODIES.put("dev.warden.api.purge.RejectPurge", schema("reason", MULTI_LINE));
    BODIES.put(
        "dev.warden.api.purge.ExtendDeadline", schema("extendBy", STRING, "reason", MULTI_LINE));
    BODIES.put("dev.warden.api.hold.PlaceHold", schema("reason", MULTI_LINE));
    BODIES.put("dev.warden.api.tenant.ReopenTenant", schema("reason", MULTI_LINE));
    BODIES.put(
        "dev.warden.api.quota.QuotaViews$ChangeLimits",
        schema(
            "storageBytes",
            LONG,
            "indexOpsPerDay",
            LONG,
            "rateLimits",
            STRING_MAP,
            "reason",
            MULTI_LINE));
    BODIES.put(
        "dev.warden.api.killswitch.KillSwitchViews$ChangeRequest",
        schema("scope", STRING_MAP, "state", STRING, "reason", MULTI_LINE, "expiresAt", INSTANT));
    BODIES.put(
        "dev.warden.api.reconcile.CreateReconciliation",
        schema("tenantIds", STRING_LIST, "dryRun", BOOLEAN));
    BODIES.put(
        "dev.warden.api.data.UploadsController$PresignUpload",
        schema("fileName", STRING, "contentType", STRING, "sizeBytes", LONG));
    BODIES.put(
        "dev.warden.api.data.DocumentsController$IndexDocument",
        schema("text", MULTI_LINE, "attributes", FREE_MAP));
    BODIES.put(
        "dev.warden.api.data.PacksController$CreatePack",
        schema("name", STRING, "documentIds", STRING_LIST));
  }

  record Case(Class<?> body, Document document) {
    @Override
    public String toString() {
      return body.getSimpleName() + " " + document;
    }
  }

  @Provide
  Arbitrary<Case> bodies() {
    return net.jqwik.api.Arbitraries.of(BODIES.keySet())
        .flatMap(
            name -> JsonDocuments.documents(BODIES.get(name)).map(d -> new Case(type(name), d)));
  }

  @Property(tries = 3000)
  void givenAnyDocument_whenRead_thenRefusedOrExactlyWhatItSays(@ForAll("bodies") Case c)
      throws Exception {
    Object read;
    try {
      read =
          CONVERTER.read(
              c.body(),
              null,
              new MockHttpInputMessage(c.document().json().getBytes(StandardCharsets.UTF_8)));
    } catch (HttpMessageNotReadableException refused) {
      assertThat(c.document().acceptable()).as("refused %s: %s", c, refused.getMessage()).isFalse();
      return;
    }
    assertThat(c.document().acceptable()).as("accepted %s", c).isTrue();
    for (RecordComponent component : c.body().getRecordComponents()) {
      component.getAccessor().setAccessible(true);
      Object value = component.getAccessor().invoke(read);
      assertThat(value)
          .as("%s of %s", component.getName(), c)
          .isEqualTo(c.document().values().get(component.getName()));
    }
  }

  @Property(tries = 300)
  void givenTheSchemaOfEveryBody_whenCompared_thenItListsExactlyTheRecordsMembers(
      @ForAll("names") String name) {
    assertThat(
            java.util.Arrays.stream(type(name).getRecordComponents())
                .map(RecordComponent::getName)
                .toList())
        .containsExactlyInAnyOrderElementsOf(BODIES.get(name).keySet());
  }

  @Provide
  Arbitrary<String> names() {
    return net.jqwik.api.Arbitraries.of(BODIES.keySet());
  }

  static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Kind> schema(Object... pairs) {
    Map<String, Kind> schema = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      schema.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return schema;
  }
}
