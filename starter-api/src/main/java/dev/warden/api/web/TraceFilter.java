package dev.warden.api.web;

import dev.warden.workflows.trace.TraceContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its trace context before anything else runs: the W3C {@code traceparent} it
 * sent, else its {@code X-Trace-Id}, else a new traceparent. It is the request's {@link
 * RequestContext#traceId()} and sits in the MDC while the request is served, so the API's log lines
 * carry it and the workflows the request starts receive it (TraceContextPropagator).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE = TraceFilter.class.getName() + ".context";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    TraceContext trace = of(request);
    request.setAttribute(ATTRIBUTE, trace);
    trace.install();
    try {
      chain.doFilter(request, response);
    } finally {
      TraceContext.clear();
    }
  }

  /** The request's trace context: kept on the request once the filter has made it. */
  static TraceContext of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof TraceContext known) {
      return known;
    }
    String traceparent = request.getHeader("traceparent");
    var w3c = TraceContext.traceIdOf(traceparent);
    if (w3c.isPresent()) {
      return new TraceContext(traceparent, w3c.get());
    }
    String header = request.getHeader(RequestContext.TRACE_HEADER);
    if (header != null && RequestContext.SAFE.matcher(header).matches()) {
      return new TraceContext(null, header);
    }
    HexFormat hex = HexFormat.of();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String traceId = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    return new TraceContext(
        "00-" + traceId + "-" + hex.toHexDigits(random.nextLong()) + "-01", traceId);
  }
}
