package dev.warden.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json answer where Spring MVC's handlers cannot: in servlet filters, and in
 * Tomcat's error report valve for requests refused before any servlet ran.
 */
public final class ProblemResponses {
  private ProblemResponses() {}

  /** The body of a problem: type, title, status, detail, then {@code extra} in order. */
  public static Map<String, Object> body(
      int status, URI type, String title, String detail, Map<String, ?> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.toString());
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extra);
    return body;
  }

  public static void write(
      HttpServletResponse response, ObjectMapper json, int status, Map<String, Object> body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    try (OutputStream out = response.getOutputStream()) {
      json.writeValue(out, body);
    }
  }
}
