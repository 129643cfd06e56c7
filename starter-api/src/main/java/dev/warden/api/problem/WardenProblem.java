package dev.warden.api.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error with its problem type, status and the extra members the body carries. */
public class WardenProblem extends RuntimeException {

  private final URI type;
  private final HttpStatus status;
  private final Map<String, Object> properties;

  public WardenProblem(URI type, HttpStatus status, String detail, Map<String, Object> properties) {
    super(detail);
    this.type = type;
    this.status = status;
    this.properties = Map.copyOf(properties);
  }

  public WardenProblem(URI type, HttpStatus status, String detail) {
    this(type, status, detail, Map.of());
  }

  public URI type() {
    return type;
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
