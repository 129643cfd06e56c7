package dev.warden.api.gate;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A gate refused the request: a problem answer plus the headers that tell the client when to come
 * back ({@code Retry-After}, the {@code RateLimit} headers). Answered by {@link
 * GateProblemHandler}, which also marks the request as blocked for the route metrics. {@link
 * #outcome()} is the {@code outcome} tag of {@code warden.gate.requests}.
 */
public class GateProblem extends WardenProblem {

  public static final String BLOCKED = "blocked";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String QUOTA_EXCEEDED = "quota_exceeded";

  private final String title;
  private final Map<String, String> headers;
  private final String outcome;

  public GateProblem(
      URI type,
      HttpStatus status,
      String title,
      String detail,
      Map<String, Object> properties,
      Map<String, String> headers) {
    this(type, status, title, detail, properties, headers, outcomeOf(type));
  }

  /**
   * @param outcome {@link #BLOCKED} (kill switch), {@link #RATE_LIMITED} or {@link #QUOTA_EXCEEDED}
   */
  public GateProblem(
      URI type,
      HttpStatus status,
      String title,
      String detail,
      Map<String, Object> properties,
      Map<String, String> headers,
      String outcome) {
    super(type, status, detail, properties);
    this.title = title;
    this.headers = Map.copyOf(headers);
    if (!BLOCKED.equals(outcome)
        && !RATE_LIMITED.equals(outcome)
        && !QUOTA_EXCEEDED.equals(outcome)) {
      throw new IllegalArgumentException("unknown gate outcome " + outcome);
    }
    this.outcome = outcome;
  }

  /** What the refusal was: {@code blocked}, {@code rate_limited} or {@code quota_exceeded}. */
  public String outcome() {
    return outcome;
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }

  private static String outcomeOf(URI type) {
    if (ProblemTypes.RATE_LIMITED.equals(type)) {
      return RATE_LIMITED;
    }
    return ProblemTypes.QUOTA_EXCEEDED.equals(type) ? QUOTA_EXCEEDED : BLOCKED;
  }
}
