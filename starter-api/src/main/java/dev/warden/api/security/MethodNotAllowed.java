package dev.warden.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.problem.ProblemResponses;
import dev.warden.api.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A known path called with a method no rule allows gets 405 with {@code Allow}, before the security
 * chain would refuse it as 403 ("the token's roles do not allow this route", which sends a caller
 * looking at its roles). The request is still refused: deny by default is kept. CORS preflights
 * pass on to the security chain's CORS configuration.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class MethodNotAllowed extends OncePerRequestFilter {

  private final ObjectMapper json;

  MethodNotAllowed(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // A CORS preflight (Temporal's Web UI before it calls the codec) is the security chain's to
    // answer: allowed for the configured origin, else refused there.
    if (!CorsUtils.isPreFlightRequest(request) && RouteRules.ruleFor(request).isEmpty()) {
      Set<HttpMethod> allowed = RouteRules.methodsFor(request);
      if (!allowed.isEmpty()) {
        String allow = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        response.setHeader(HttpHeaders.ALLOW, allow);
        ProblemResponses.write(
            response,
            json,
            405,
            ProblemResponses.body(
                405,
                ProblemTypes.METHOD_NOT_ALLOWED,
                "Method not allowed",
                "%s is not a method of %s; allowed: %s"
                    .formatted(request.getMethod(), request.getRequestURI(), allow),
                Map.of("allowed", allowed.stream().map(HttpMethod::name).toList())));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
