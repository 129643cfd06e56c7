package dev.warden.api.web;

import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.events.RefusalWindows;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refusals of requests (a kill switch, a tenant's write lock) as a bounded number of events, per
 * type, env, tenant, attributes (switch, action, purge) and window ({@link RefusalWindows}): each
 * replica writes the window's first refusal at once, with that request's trace, and the count of
 * the rest when the window has ended.
 */
@Component
public class RefusalAudit {

  private record Refused(
      DatasetEventType type, String tenantId, String env, RequestContext context) {}

  private final RefusalWindows<Refused> windows;

  public RefusalAudit(
      RequestAudit audit,
      Clock clock,
      @Value("${warden.audit.refusal-window:60s}") Duration window) {
    // Each write is one occurrence (a random id): a window flushed early and opened again counts
    // on, never collapses onto its earlier events.
    this.windows =
        new RefusalWindows<>(
            "warden-refusal-audit",
            window,
            clock,
            (first, attributes, count, atOnce) ->
                audit.record(
                    first.type(), first.tenantId(), first.env(), first.context(), attributes));
  }

  /** One refused request; never throws (the refusal stands whether or not it is recorded). */
  public void refused(
      DatasetEventType type,
      String tenantId,
      String env,
      RequestContext context,
      Map<String, String> attributes) {
    String key = type + "|" + env + "|" + tenantId + "|" + new TreeMap<>(attributes);
    windows.refused(key, new Refused(type, tenantId, env, context), attributes);
  }

  /** Writes the counts of every open window now: on shutdown, and for a test that cannot wait. */
  public void flushAll() {
    windows.flushAll();
  }

  @PreDestroy
  void close() {
    windows.close();
  }
}
