package dev.warden.api.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.warden.api.json.InvalidTextException;
import dev.warden.api.json.NullMemberException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says in a client's words why a request body was refused: which member, and what it expected.
 * Never the parser's own message (it names Java classes).
 */
final class BodyProblems {
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  private BodyProblems() {}

  /** The refused member ({@code null} for the document as a whole) and the detail. */
  record Refusal(String field, String detail) {}

  static Refusal of(Throwable cause) {
    if (cause instanceof JsonMappingException mapping) {
      String field = path(mapping);
      if (field.isEmpty()) {
        return whole(mapping);
      }
      return new Refusal(field, member(mapping, field));
    }
    if (cause instanceof StreamReadException read) {
      return stream(read);
    }
    return new Refusal(null, "the request body is not valid JSON");
  }

  private static String member(JsonMappingException mapping, String field) {
    if (mapping instanceof UnrecognizedPropertyException) {
      return "unknown member '%s' in the request body".formatted(field);
    }
    if (mapping instanceof InvalidNullException || mapping instanceof NullMemberException) {
      return "member '%s' is null: leave it out or give a value".formatted(field);
    }
    if (mapping instanceof InvalidTextException text) {
      return "member '%s' %s".formatted(field, text.problem());
    }
    if (mapping.getCause() instanceof InputCoercionException) {
      return "member '%s' is out of range".formatted(field);
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return "member '%s' must be %s".formatted(field, expected(mismatch.getTargetType()));
    }
    return "member '%s' has the wrong type or format".formatted(field);
  }

  private static Refusal whole(JsonMappingException mapping) {
    String message = String.valueOf(mapping.getOriginalMessage());
    if (mapping instanceof NullMemberException) {
      return new Refusal(null, "the request body is null: send a JSON object");
    }
    if (message.startsWith("Trailing token")) {
      return new Refusal(null, "the request body has more after its JSON document");
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new Refusal(null, "the request body must be " + expected(mismatch.getTargetType()));
    }
    return new Refusal(null, "the request body is not valid JSON");
  }

  private static Refusal stream(StreamReadException read) {
    String field = currentName(read);
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(read.getOriginalMessage()));
    if (duplicate.find()) {
      String name = field != null ? field : duplicate.group(1);
      return new Refusal(name, "member '%s' appears more than once".formatted(name));
    }
    if (read instanceof InputCoercionException && field != null) {
      return new Refusal(field, "member '%s' is out of range".formatted(field));
    }
    return new Refusal(field, "the request body is not valid JSON" + at(read));
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line %d, column %d)"
            .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
  }

  private static String currentName(StreamReadException read) {
    JsonParser parser = read.getProcessor();
    if (parser != null && parser.getParsingContext() != null) {
      String pointer = parser.getParsingContext().pathAsPointer().toString();
      return pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
    }
    return null;
  }

  static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  static String expected(Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      return "a JSON boolean (true or false)";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a JSON number without a fraction";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a JSON number";
    }
    if (type == String.class) {
      return "a JSON string";
    }
    if (type == UUID.class) {
      return "a UUID as a JSON string";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date-time as a JSON string (e.g. 2026-05-04T09:30:00Z)";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "a JSON value of another type";
  }
}
