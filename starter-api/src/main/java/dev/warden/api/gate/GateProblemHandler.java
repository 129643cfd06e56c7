package dev.warden.api.gate;

import dev.warden.api.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a refused gate with its problem+json and headers. Ahead of the general problem handler,
 * which would answer a {@link GateProblem} as a plain problem, without {@code Retry-After}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GateProblemHandler {

  @ExceptionHandler(GateProblem.class)
  ResponseEntity<ProblemDetail> refused(
      GateProblem problem, HttpServletRequest request, HttpServletResponse response) {
    RouteMetricsInterceptor.markBlocked(request);
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(problem.type());
    body.setTitle(problem.title());
    problem.properties().forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    problem.headers().forEach(headers::set);
    if (!response.containsHeader(RequestContext.TRACE_HEADER)) { // set already on gated routes
      headers.set(RequestContext.TRACE_HEADER, CurrentRequest.context(request).traceId());
    }
    return ResponseEntity.status(problem.status())
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
