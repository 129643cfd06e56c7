package dev.warden.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.gate.GateOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 answers: problem+json, {@code WWW-Authenticate} as RFC 6750 says, and a count in
 * {@code warden.auth.refused{reason}} and in the gate outcomes ({@code unauthorized}, {@code
 * forbidden} per route class, see {@link GateOutcomes}). Deliberately no DatasetEvent and no tenant
 * tag: a flood of bad tokens must not flood the audit table or the metric's cardinality. They are
 * written by the security filters, before any handler, so they never take a rate-limit token
 * either.
 */
final class AuthRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final URI UNAUTHENTICATED = URI.create("urn:warden:problem:unauthenticated");
  static final URI FORBIDDEN = URI.create("urn:warden:problem:forbidden");
  static final String METRIC = "warden.auth.refused";

  private final BearerTokenAuthenticationEntryPoint bearerEntryPoint =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final GateOutcomes outcomes;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  AuthRefusals(ObjectMapper json, MeterRegistry meters, GateOutcomes outcomes) {
    this.json = json;
    this.meters = meters;
    this.outcomes = outcomes;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    bearerEntryPoint.commence(request, response, failure); // status and WWW-Authenticate
    String reason = reasonOf(failure);
    count(reason);
    outcomes.countRefused(request, GateOutcomes.UNAUTHORIZED);
    write(
        response,
        HttpStatus.UNAUTHORIZED,
        UNAUTHENTICATED,
        switch (reason) {
          case "missing_token" -> "a bearer token is required";
          case "expired_token" -> "the bearer token has expired";
          default -> "the bearer token is not valid here (issuer, signature, audience or claims)";
        },
        Map.of("reason", reason),
        request);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    bearerDenied.handle(request, response, denied); // 403 and WWW-Authenticate
    String reason =
        Access.REASON_TENANT.equals(request.getAttribute(Access.REFUSAL_ATTRIBUTE))
            ? "other_tenant"
            : "missing_role";
    count(reason);
    outcomes.countRefused(request, GateOutcomes.FORBIDDEN);
    write(
        response,
        HttpStatus.FORBIDDEN,
        FORBIDDEN,
        reason.equals("other_tenant")
            ? "a tenant token may only call its own tenant's routes"
            : "the token's roles do not allow this route",
        Map.of("reason", reason),
        request);
  }

  private static String reasonOf(AuthenticationException failure) {
    if (failure instanceof InvalidBearerTokenException) {
      return String.valueOf(failure.getMessage()).contains("expired")
          ? "expired_token"
          : "invalid_token";
    }
    // No bearer token at all reaches the entry point from the authorization filter.
    return failure instanceof InsufficientAuthenticationException
        ? "missing_token"
        : "invalid_token";
  }

  private void count(String reason) {
    counters
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder(METRIC)
                    .description("Requests refused by authentication or authorization")
                    .tag("reason", r)
                    .register(meters))
        .increment();
  }

  private void write(
      HttpServletResponse response,
      HttpStatus status,
      URI type,
      String detail,
      Map<String, String> extra,
      HttpServletRequest request)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.toString());
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    body.putAll(extra);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
