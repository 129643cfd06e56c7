package dev.warden.workflows.trace;

import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.GlobalDataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries the {@link TraceContext} of the thread that starts a workflow (the API's request thread)
 * in Temporal headers into the workflow, and from the workflow into every activity it schedules,
 * where it becomes the thread's MDC: the worker's log lines of a purge carry the trace id of the
 * request that started it. Registered on the client options; workers take it from their client.
 */
public final class TraceContextPropagator implements ContextPropagator {

  private static final String NAME = "warden-trace";

  /** Adds the propagator to {@code options}, keeping any already there. */
  public static WorkflowClientOptions.Builder addTo(WorkflowClientOptions.Builder options) {
    List<ContextPropagator> all = new ArrayList<>();
    if (options.build().getContextPropagators() != null) {
      all.addAll(options.build().getContextPropagators());
    }
    if (all.stream().noneMatch(TraceContextPropagator.class::isInstance)) {
      all.add(new TraceContextPropagator());
    }
    return options.setContextPropagators(all);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public Map<String, Payload> serializeContext(Object context) {
    Map<String, Payload> out = new HashMap<>();
    if (context instanceof TraceContext trace) {
      DataConverter converter = GlobalDataConverter.get();
      converter.toPayload(trace.traceId()).ifPresent(p -> out.put(TraceContext.TRACE_ID, p));
      if (trace.traceparent() != null) {
        converter
            .toPayload(trace.traceparent())
            .ifPresent(p -> out.put(TraceContext.TRACEPARENT, p));
      }
    }
    return out;
  }

  @Override
  public Object deserializeContext(Map<String, Payload> context) {
    Payload traceId = context.get(TraceContext.TRACE_ID);
    if (traceId == null) {
      return null;
    }
    DataConverter converter = GlobalDataConverter.get();
    Payload traceparent = context.get(TraceContext.TRACEPARENT);
    return new TraceContext(
        traceparent == null ? null : converter.fromPayload(traceparent, String.class, String.class),
        converter.fromPayload(traceId, String.class, String.class));
  }

  @Override
  public Object getCurrentContext() {
    return TraceContext.current().orElse(null);
  }

  @Override
  public void setCurrentContext(Object context) {
    if (context instanceof TraceContext trace) {
      trace.install();
    } else {
      TraceContext.clear();
    }
  }
}
