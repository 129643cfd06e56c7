package dev.warden.workflows.trace;

import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A request's W3C trace context as Warden carries it: the {@code traceparent} header and the trace
 * id events and logs are tagged with (the traceparent's 32 hex digits, or a client's {@code
 * X-Trace-Id}). Held in the SLF4J MDC of the thread doing the request's work, so log lines carry it
 * and {@link TraceContextPropagator} hands it from the API into workflows and activities.
 */
public record TraceContext(String traceparent, String traceId) {

  /** MDC key of the trace id (in every log line's correlation part). */
  public static final String TRACE_ID = "traceId";

  /** MDC key of the W3C traceparent. */
  public static final String TRACEPARENT = "traceparent";

  private static final Pattern W3C =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  /** The trace id of a valid W3C traceparent (all-zero ids are invalid), else empty. */
  public static Optional<String> traceIdOf(String traceparent) {
    if (traceparent == null) {
      return Optional.empty();
    }
    var m = W3C.matcher(traceparent);
    if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0')) {
      return Optional.empty();
    }
    return Optional.of(m.group(1));
  }

  /** The context of the current thread, if it has one. */
  public static Optional<TraceContext> current() {
    String traceId = MDC.get(TRACE_ID);
    return traceId == null
        ? Optional.empty()
        : Optional.of(new TraceContext(MDC.get(TRACEPARENT), traceId));
  }

  /** Makes this the current thread's context. */
  public void install() {
    MDC.put(TRACE_ID, traceId);
    if (traceparent != null) {
      MDC.put(TRACEPARENT, traceparent);
    } else {
      MDC.remove(TRACEPARENT);
    }
  }

  /** Removes any context from the current thread. */
  public static void clear() {
    MDC.remove(TRACE_ID);
    MDC.remove(TRACEPARENT);
  }
}
