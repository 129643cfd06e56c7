package dev.warden.api.problem;

import dev.warden.api.gate.CurrentRequest;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} JSON: whatever no handler answered (an unexpected
 * exception, an error raised outside Spring MVC) leaves as problem+json with the trace id, never a
 * library's message or a stack trace. A 5xx is {@code urn:warden:problem:internal}.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    String traceId = CurrentRequest.context(request).traceId();
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    ProblemDetail body;
    if (status.is5xxServerError()) {
      log.error(
          "unexpected failure on {} (trace {})",
          request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          traceId,
          failure instanceof Throwable t ? t : null);
      body =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.INTERNAL_SERVER_ERROR,
              "an unexpected error occurred; quote trace id " + traceId + " to the operators");
      body.setType(ProblemTypes.INTERNAL);
      body.setTitle("Internal error");
    } else {
      body = ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase());
      body.setType(ProblemTypes.forStatus(status.value()));
      body.setTitle(status.getReasonPhrase());
    }
    body.setProperty("traceId", traceId);
    return ResponseEntity.status(body.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return status == null || status.is2xxSuccessful() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }
}
