package dev.warden.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.json.Text;
import dev.warden.api.problem.ProblemResponses;
import dev.warden.api.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose path or query string does not decode to acceptable {@link Text} (a
 * control character, a malformed {@code %} escape, bytes that are not UTF-8) with 400 naming the
 * parameter, before any handler, store or log line sees it. Tomcat itself would drop an undecodable
 * query parameter silently and serve the request without it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestText extends OncePerRequestFilter {

  private final ObjectMapper json;

  RequestText(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Refusal> refusal = check(request.getRequestURI(), request.getQueryString());
    if (refusal.isPresent()) {
      Refusal r = refusal.get();
      ProblemResponses.write(
          response,
          json,
          400,
          ProblemResponses.body(
              400,
              ProblemTypes.INVALID_REQUEST,
              "Invalid request",
              r.where() + " " + r.problem(),
              Map.of("field", r.name(), "traceId", RequestContext.of(request).traceId())));
      return;
    }
    chain.doFilter(request, response);
  }

  /** What is wrong with a raw (still encoded) path and query string, if anything. */
  static Optional<Refusal> check(String rawPath, String rawQuery) {
    Optional<Refusal> path = checkPart(rawPath, false, "path", "the path");
    if (path.isPresent() || rawQuery == null || rawQuery.isEmpty()) {
      return path;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      Optional<String> name = decode(rawName, true);
      if (name.isEmpty()) {
        return Optional.of(
            new Refusal("query", "a query parameter name", "is not valid %-encoded UTF-8"));
      }
      String where = "query parameter '" + name.get() + "'";
      Optional<Refusal> nameProblem = checkText(name.get(), "query", "a query parameter name");
      if (nameProblem.isPresent()) {
        return nameProblem;
      }
      if (eq >= 0) {
        Optional<Refusal> value = checkPart(pair.substring(eq + 1), true, name.get(), where);
        if (value.isPresent()) {
          return value;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Refusal> checkPart(
      String raw, boolean plusIsSpace, String name, String where) {
    Optional<String> decoded = decode(raw, plusIsSpace);
    if (decoded.isEmpty()) {
      return Optional.of(new Refusal(name, where, "is not valid %-encoded UTF-8"));
    }
    return checkText(decoded.get(), name, where);
  }

  private static Optional<Refusal> checkText(String text, String name, String where) {
    return Text.problem(text, false).map(problem -> new Refusal(name, where, problem));
  }

  /** Strict percent-decoding: a malformed escape or a byte sequence that is not UTF-8 is empty. */
  static Optional<String> decode(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** A refused part of the request line: its name, where it is in words, and what is wrong. */
  record Refusal(String name, String where, String problem) {}
}
