package dev.warden.api.problem;

import dev.warden.api.web.BodySizeLimit;
import dev.warden.engines.tenant.InvalidIdentifierException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 {@code application/problem+json}: Spring's own (bad JSON, unknown
 * route, wrong method) through the base class, Warden's through the handlers below.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(WardenProblem.class)
  ResponseEntity<ProblemDetail> warden(WardenProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(problem.type());
    body.setTitle(title(problem.type().toString()));
    problem.properties().forEach(body::setProperty);
    return respond(body);
  }

  @ExceptionHandler(InvalidIdentifierException.class)
  ResponseEntity<ProblemDetail> invalidId(InvalidIdentifierException invalid) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
    body.setType(
        "tenantId".equals(invalid.field())
            ? ProblemTypes.INVALID_TENANT_ID
            : ProblemTypes.INVALID_REQUEST);
    body.setTitle("Invalid " + invalid.field());
    body.setProperty("field", invalid.field());
    body.setProperty("rule", invalid.rule());
    return respond(body);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> invalidRequest(IllegalArgumentException invalid) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
    body.setType(ProblemTypes.INVALID_REQUEST);
    body.setTitle("Invalid request");
    return respond(body);
  }

  /**
   * A body that does not parse or does not fit the route: 400 {@code invalid-request} naming the
   * member, never the parser's own message (it would leak class names).
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodySizeLimit.BodyTooLargeException tooLarge) {
        ProblemDetail body =
            ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
        body.setType(ProblemTypes.PAYLOAD_TOO_LARGE);
        body.setTitle("Payload too large");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(body);
      }
    }
    BodyProblems.Refusal refusal = BodyProblems.of(ex.getCause());
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, refusal.detail());
    body.setType(ProblemTypes.INVALID_REQUEST);
    body.setTitle("Invalid request");
    if (refusal.field() != null) {
      body.setProperty("field", refusal.field());
    }
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** A Bean Validation violation on a request body ({@code @Valid}): 400 naming every field. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException invalid,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = invalid.getBindingResult().getFieldErrors();
    String detail =
        errors.stream()
            .map(e -> e.getField() + " " + e.getDefaultMessage())
            .collect(Collectors.joining("; "));
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    body.setType(ProblemTypes.INVALID_REQUEST);
    body.setTitle("Invalid request");
    if (!errors.isEmpty()) {
      body.setProperty("field", errors.get(0).getField());
    }
    body.setProperty(
        "errors",
        errors.stream()
            .map(
                e ->
                    Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
            .toList());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /**
   * A path or query parameter that does not convert ({@code size=100000000000}, a malformed purge
   * id, an unknown status): 400 naming the parameter and what it expected.
   */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
    String detail =
        ex.getRequiredType() == null
            ? "parameter '%s' has the wrong format".formatted(name)
            : "parameter '%s' must be %s"
                .formatted(name, BodyProblems.expected(ex.getRequiredType()).replace("JSON ", ""));
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    body.setType(ProblemTypes.INVALID_REQUEST);
    body.setTitle("Invalid request");
    body.setProperty("field", name);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /**
   * Every other answer of Spring's base handler (405, 406, 415, a missing parameter, …) keeps its
   * status and detail but carries a Warden type instead of {@code about:blank}.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(ProblemTypes.forStatus(status.value()));
    }
    HttpHeaders answer = new HttpHeaders();
    answer.addAll(headers);
    if (body instanceof ProblemDetail) {
      // Whatever the Accept header asked for: an error is always problem+json.
      answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return new ResponseEntity<>(body, answer, status);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
    return ResponseEntity.status(body.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  // "urn:warden:problem:purge-not-found" -> "Purge not found"
  private static String title(String type) {
    String slug = type.substring(type.lastIndexOf(':') + 1).replace('-', ' ');
    return Character.toUpperCase(slug.charAt(0)) + slug.substring(1);
  }
}
