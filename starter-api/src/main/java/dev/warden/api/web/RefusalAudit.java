package dev.warden.api.web;

import dev.warden.engines.events.DatasetEventType;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refusals (a kill switch, a tenant's write lock) as a bounded number of events: per type, env,
 * tenant, attributes (switch, action, purge) and window ({@code WARDEN_AUDIT_REFUSAL_WINDOW},
 * aligned to the epoch), each replica writes the window's first refusal at once ({@code count} 1,
 * with that request's trace) and, when the window has ended, one more event with the {@code count}
 * of the rest. The counts of a window's events add up to the refusals it saw, so a burst of refused
 * calls cannot bury the trail and is still counted exactly.
 */
@Component
public class RefusalAudit {

  private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);

  private final RequestAudit audit;
  private final Clock clock;
  private final long windowSeconds;
  private final Map<String, Window> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  public RefusalAudit(
      RequestAudit audit,
      Clock clock,
      @Value("${warden.audit.refusal-window:60s}") Duration window) {
    if (window.toSeconds() < 1) {
      throw new IllegalArgumentException("WARDEN_AUDIT_REFUSAL_WINDOW must be at least 1s");
    }
    this.audit = audit;
    this.clock = clock;
    this.windowSeconds = window.toSeconds();
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "warden-refusal-audit");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(() -> flush(false), 1, 1, TimeUnit.SECONDS);
  }

  /** One refused request; never throws (the refusal stands whether or not it is recorded). */
  public void refused(
      DatasetEventType type,
      String tenantId,
      String env,
      RequestContext context,
      Map<String, String> attributes) {
    long start = clock.instant().getEpochSecond() / windowSeconds * windowSeconds;
    String key = type + "|" + env + "|" + tenantId + "|" + new TreeMap<>(attributes) + "|" + start;
    Window fresh =
        new Window(key, type, tenantId, env, context, new LinkedHashMap<>(attributes), start);
    Window window = open.putIfAbsent(key, fresh);
    if (window == null) {
      write(fresh, 1, context);
      return;
    }
    synchronized (window) {
      if (!window.closed) {
        window.rest++;
        return;
      }
    }
    // Counted after its window was flushed (a request that began at the boundary): on its own.
    write(window, 1, context);
  }

  /** Writes the counts of ended windows ({@code all}: of every window, at shutdown). */
  void flush(boolean all) {
    long now = clock.instant().getEpochSecond();
    for (Window window : open.values()) {
      if (!all && now < window.start + windowSeconds) {
        continue;
      }
      if (!open.remove(window.key, window)) {
        continue; // another flush took it
      }
      long rest;
      synchronized (window) {
        window.closed = true;
        rest = window.rest;
      }
      if (rest > 0) {
        write(window, rest, window.first);
      }
    }
  }

  /** Writes the counts of every open window now: on shutdown, and for a test that cannot wait. */
  public void flushAll() {
    flush(true);
  }

  @PreDestroy
  void close() {
    flusher.shutdownNow();
    flush(true);
  }

  private void write(Window window, long count, RequestContext context) {
    Map<String, String> attributes = new LinkedHashMap<>(window.attributes);
    attributes.put("count", Long.toString(count));
    attributes.put("windowStart", Long.toString(window.start));
    attributes.put("windowSeconds", Long.toString(windowSeconds));
    try {
      // Each write is one occurrence (a random id): a window flushed early and opened again counts
      // on, never collapses onto its earlier events.
      audit.record(window.type, window.tenantId, window.env, context, attributes);
    } catch (RuntimeException e) {
      log.error(
          "could not record {} ({} refusals) for trace {}",
          window.type,
          count,
          context.traceId(),
          e);
    }
  }

  private static final class Window {
    final String key;
    final DatasetEventType type;
    final String tenantId;
    final String env;
    final RequestContext first;
    final Map<String, String> attributes;
    final long start;
    long rest;
    boolean closed;

    Window(
        String key,
        DatasetEventType type,
        String tenantId,
        String env,
        RequestContext first,
        Map<String, String> attributes,
        long start) {
      this.key = key;
      this.type = type;
      this.tenantId = tenantId;
      this.env = env;
      this.first = first;
      this.attributes = attributes;
      this.start = start;
    }
  }
}
