package dev.warden.api.gate;

import dev.warden.api.problem.WardenProblem;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A gate refused the request: a problem answer plus the headers that tell the client when to come
 * back ({@code Retry-After}, later the {@code RateLimit} headers). Answered by {@link
 * GateProblemHandler}, which also marks the request as blocked for the route metrics.
 */
public class GateProblem extends WardenProblem {

  private final String title;
  private final Map<String, String> headers;

  public GateProblem(
      URI type,
      HttpStatus status,
      String title,
      String detail,
      Map<String, Object> properties,
      Map<String, String> headers) {
    super(type, status, detail, properties);
    this.title = title;
    this.headers = Map.copyOf(headers);
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
