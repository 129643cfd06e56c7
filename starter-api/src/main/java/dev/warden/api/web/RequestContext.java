package dev.warden.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.regex.Pattern;

/**
 * Who is calling and under which trace id. The actor is the authenticated principal's name, which
 * the security layer makes {@code user:{sub}} or {@code client:{client_id}} from the verified
 * token; no header can set it. The trace id comes from W3C {@code traceparent} or {@code
 * X-Trace-Id}, else a new one ({@link TraceFilter}), so every event of a request can be found
 * together.
 */
public record RequestContext(String actor, String traceId) {

  public static final String TRACE_HEADER = "X-Trace-Id";
  static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");

  public static RequestContext of(HttpServletRequest request) {
    return new RequestContext(actor(request), traceId(request));
  }

  private static String actor(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal != null ? principal.getName() : "anonymous";
  }

  private static String traceId(HttpServletRequest request) {
    return TraceFilter.of(request).traceId();
  }
}
