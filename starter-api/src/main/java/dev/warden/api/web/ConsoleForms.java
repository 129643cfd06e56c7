package dev.warden.api.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * A console form checked with the constraints of the REST route's body record, so a form refuses
 * exactly what the route's {@code @Valid} body would (as a readable 400, never a second rule set).
 */
public final class ConsoleForms {

  private ConsoleForms() {}

  /** Returns {@code body} when valid; else throws the violations as "field message" text. */
  public static <T> T valid(Validator validator, T body) {
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(ConsoleForms::text)
              .collect(Collectors.joining("; ")));
    }
    return body;
  }

  private static String text(ConstraintViolation<?> v) {
    return v.getPropertyPath() + " " + v.getMessage();
  }
}
