package dev.warden.api.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random JSON documents around a request body's schema, each knowing what it means: whether a
 * strict reader must refuse it, and if not, the value of every member. Members get right or wrong
 * JSON types, nulls, control characters, lone surrogates, huge numbers, unicode; documents get
 * duplicate members, unknown members and content after them. JSON text is written by hand so that
 * duplicates and trailing tokens can exist at all.
 */
public final class JsonDocuments {
  private JsonDocuments() {}

  /** The JSON type a member takes. */
  public enum Kind {
    STRING,
    MULTI_LINE,
    BOOLEAN,
    LONG,
    INSTANT,
    STRING_LIST,
    STRING_MAP,
    FREE_MAP
  }

  /** One member's JSON text, whether it is acceptable, and the Java value it then means. */
  public record Member(String name, String json, boolean acceptable, Object value) {}

  /** A document: its text, whether a strict reader must accept it, the members it sets. */
  public record Document(String json, boolean acceptable, Map<String, Object> values) {
    @Override
    public String toString() {
      return json;
    }
  }

  public static Arbitrary<Document> documents(Map<String, Kind> schema) {
    List<Arbitrary<Member>> members = new ArrayList<>();
    schema.forEach((name, kind) -> members.add(member(name, kind)));
    Arbitrary<List<Member>> chosen =
        Combinators.combine(members.stream().map(m -> m.injectNull(0.3)).toList())
            .as(list -> list.stream().filter(Objects::nonNull).toList());
    Arbitrary<Integer> mutation = Arbitraries.integers().between(0, 9);
    return Combinators.combine(chosen, mutation, Arbitraries.randoms())
        .as((list, mut, random) -> document(list, mut, random));
  }

  private static Document document(List<Member> members, int mutation, Random random) {
    List<String> parts = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    boolean acceptable = true;
    for (Member m : members) {
      parts.add(quote(m.name()) + ":" + m.json());
      values.put(m.name(), m.value());
      acceptable &= m.acceptable();
    }
    String trailer = "";
    switch (mutation) {
      case 0 -> { // a member named twice, with a value a reader might prefer
        if (!members.isEmpty()) {
          Member first = members.get(random.nextInt(members.size()));
          parts.add(quote(first.name()) + ":" + first.json());
          acceptable = false;
        }
      }
      case 1 -> {
        parts.add(random.nextInt(parts.size() + 1), quote("unexpected") + ":true");
        acceptable = false;
      }
      case 2 -> {
        trailer = random.nextBoolean() ? " {}" : " x";
        acceptable = false;
      }
      default -> {}
    }
    return new Document("{" + String.join(",", parts) + "}" + trailer, acceptable, values);
  }

  static Arbitrary<Member> member(String name, Kind kind) {
    Arbitrary<Member> good =
        switch (kind) {
          case STRING -> text(false).map(s -> ok(name, quote(s), s));
          case MULTI_LINE -> text(true).map(s -> ok(name, quote(s), s));
          case BOOLEAN -> Arbitraries.of(true, false).map(b -> ok(name, b.toString(), b));
          case LONG -> Arbitraries.longs().map(n -> ok(name, n.toString(), n));
          case INSTANT ->
              Arbitraries.longs()
                  .between(0, 4_102_444_800L)
                  .map(Instant::ofEpochSecond)
                  .map(i -> ok(name, quote(i.toString()), i));
          case STRING_LIST ->
              text(false)
                  .list()
                  .ofMaxSize(4)
                  .map(
                      l ->
                          ok(
                              name,
                              "["
                                  + String.join(",", l.stream().map(JsonDocuments::quote).toList())
                                  + "]",
                              l));
          case STRING_MAP ->
              Arbitraries.maps(text(false), text(false))
                  .ofMaxSize(3)
                  .map(m -> ok(name, object(m), m));
          case FREE_MAP ->
              Arbitraries.maps(text(false), text(false))
                  .ofMaxSize(3)
                  .map(m -> ok(name, object(m), new LinkedHashMap<String, Object>(m)));
        };
    Arbitrary<Member> bad =
        Arbitraries.oneOf(wrong(kind), Arbitraries.of("null"))
            .map(json -> new Member(name, json, false, null));
    return Arbitraries.frequencyOf(Tuple.of(3, good), Tuple.of(1, bad));
  }

  /** Wrong JSON for a kind: another JSON type, or a string a strict reader must refuse. */
  static Arbitrary<String> wrong(Kind kind) {
    Arbitrary<String> controls = controlText().map(JsonDocuments::quote);
    return switch (kind) {
      case STRING, MULTI_LINE ->
          Arbitraries.oneOf(
              Arbitraries.of(
                  "1", "0", "true", "false", "[]", "{}", "[\"a\"]", "1.5", "\"\\ud800\""),
              kind == Kind.STRING
                  ? Arbitraries.oneOf(controls, Arbitraries.of("\"a\\nb\"", "\"\\t\""))
                  : controls);
      case BOOLEAN ->
          Arbitraries.of(
              "\"\"", "\"false\"", "\"true\"", "0", "1", "[]", "{}", "\"yes\"", "[false]", "0.0");
      case LONG ->
          Arbitraries.of(
              "\"5\"",
              "1.5",
              "true",
              "\"\"",
              "1e30",
              "99999999999999999999",
              "[1]",
              "{}",
              "-1.0e3");
      case INSTANT ->
          Arbitraries.of("12", "\"\"", "\"yesterday\"", "true", "\"2026-13-01T00:00:00Z\"");
      case STRING_LIST ->
          Arbitraries.oneOf(
              Arbitraries.of("\"a\"", "[1]", "[null]", "[true]", "{}", "[[\"a\"]]"),
              controls.map(c -> "[" + c + "]"));
      case STRING_MAP ->
          Arbitraries.oneOf(
              Arbitraries.of(
                  "{\"k\":1}", "{\"k\":null}", "[]", "\"x\"", "{\"k\":{}}", "{\"k\":true}"),
              controls.map(c -> "{\"k\":" + c + "}"),
              controls.map(c -> "{" + c + ":\"v\"}"));
      case FREE_MAP ->
          Arbitraries.oneOf(
              Arbitraries.of("{\"k\":null}", "[]", "\"x\"", "1"),
              controls.map(c -> "{\"k\":[" + c + "]}"),
              controls.map(c -> "{" + c + ":1}"));
    };
  }

  private static Member ok(String name, String json, Object value) {
    return new Member(name, json, true, value);
  }

  /** Acceptable text: letters, digits, punctuation, quotes, unicode beyond the BMP. */
  static Arbitrary<String> text(boolean multiLine) {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.chars().alpha().numeric()),
            Tuple.of(2, Arbitraries.of(' ', '"', '\\', '/', '-', '.', '@', '\'')),
            Tuple.of(2, Arbitraries.of('é', 'ß', '中', 'ж', '€', '\u00a0')),
            Tuple.of(multiLine ? 2 : 0, Arbitraries.of('\n', '\t', '\r')));
    Arbitrary<String> plain = chars.list().ofMaxSize(24).map(JsonDocuments::join);
    return Arbitraries.oneOf(plain, plain.map(s -> s + "\uD83D\uDE00"));
  }

  /** Text with one character no text member accepts: a C0/C1 control, DEL. */
  static Arbitrary<String> controlText() {
    Arbitrary<Character> control =
        Arbitraries.oneOf(
            Arbitraries.chars().range('\u0000', '\u0008'),
            Arbitraries.chars().range('\u000b', '\u000c'),
            Arbitraries.chars().range('\u000e', '\u001f'),
            Arbitraries.chars().range('\u007f', '\u009f'));
    return Combinators.combine(text(false), control, text(false)).as((a, c, b) -> a + c + b);
  }

  private static String join(List<Character> chars) {
    StringBuilder s = new StringBuilder();
    chars.forEach(s::append);
    return s.toString();
  }

  static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  private static String object(Map<String, String> map) {
    List<String> members = new ArrayList<>();
    map.forEach((k, v) -> members.add(quote(k) + ":" + quote(v)));
    return "{" + String.join(",", members) + "}";
  }
}
