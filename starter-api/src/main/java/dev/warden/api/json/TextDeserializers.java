package dev.warden.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every string a request body carries passes {@link Text}: typed string members (one line unless
 * {@link MultiLine}), object keys, and the strings inside free-form members ({@code Map<String,
 * Object>} attributes, which are one line).
 */
final class TextDeserializers {
  private TextDeserializers() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("warden-text");
    module.addDeserializer(String.class, new Strings(false));
    module.addKeyDeserializer(String.class, new Keys());
    module.addDeserializer(Object.class, new Untyped());
    module.addDeserializer(Instant.class, new Instants());
    return module;
  }

  static String checked(JsonParser parser, String value, boolean multiLine) throws IOException {
    var problem = Text.problem(value, multiLine);
    if (problem.isPresent()) {
      throw new InvalidTextException(parser, problem.get());
    }
    return value;
  }

  /** A string member: only a JSON string (no number, boolean or object turned into text). */
  static final class Strings extends StdScalarDeserializer<String>
      implements ContextualDeserializer {
    private final boolean multiLine;

    Strings(boolean multiLine) {
      super(String.class);
      this.multiLine = multiLine;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      boolean multi = property != null && property.getAnnotation(MultiLine.class) != null;
      return multi == multiLine ? this : new Strings(multi);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      return checked(p, p.getText(), multiLine);
    }
  }

  /** An instant only as an ISO-8601 string (JavaTime's own takes a number as epoch seconds). */
  static final class Instants extends StdScalarDeserializer<Instant> {
    Instants() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = checked(p, p.getText(), false);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        return (Instant)
            ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
      }
    }
  }

  static final class Keys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      return checked(ctxt.getParser(), key, false);
    }
  }

  /** Free-form values: read as a tree, every string and key checked, returned as plain Java. */
  static final class Untyped extends StdDeserializer<Object> {
    Untyped() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return plain(p, ctxt.readTree(p));
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) {
      return null;
    }

    private static Object plain(JsonParser p, JsonNode node) throws IOException {
      if (node.isObject()) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          map.put(checked(p, e.getKey(), false), plain(p, e.getValue()));
        }
        return map;
      }
      if (node.isArray()) {
        List<Object> list = new ArrayList<>();
        for (JsonNode item : node) {
          list.add(plain(p, item));
        }
        return list;
      }
      if (node.isTextual()) {
        return checked(p, node.textValue(), false);
      }
      if (node.isNumber()) {
        return node.numberValue();
      }
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      return null;
    }
  }
}
