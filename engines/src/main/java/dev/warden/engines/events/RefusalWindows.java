package dev.warden.engines.events;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals as a bounded number of events: per key (what was refused, for whom, why) and window
 * ({@code WARDEN_AUDIT_REFUSAL_WINDOW}, aligned to the epoch), this process writes the window's
 * first refusal at once ({@code count} 1, with that refusal's details) and, once the window has
 * ended, one more event with the {@code count} of the rest. The counts of a window's events add up
 * to the refusals it saw, so a flood of refused calls or signals cannot bury the trail and is still
 * counted exactly. Writing never throws at the caller of {@link #refused}: a refusal stands whether
 * or not it is recorded, and a failed write is logged.
 *
 * @param <T> what the writer needs of a window's first refusal (its request, its purge)
 */
public final class RefusalWindows<T> implements AutoCloseable {

  /**
   * Writes one event: {@code atOnce} true for a refusal written as it happens ({@code details} are
   * its own, {@code count} 1), false for the count of a window's rest ({@code details} are the
   * window's first refusal's).
   */
  @FunctionalInterface
  public interface Writer<T> {
    void write(T details, Map<String, String> attributes, long count, boolean atOnce);
  }

  private static final Logger log = LoggerFactory.getLogger(RefusalWindows.class);

  private final Writer<T> writer;
  private final Clock clock;
  private final long windowSeconds;
  private final Map<String, Window<T>> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  /** {@code name}: the flusher thread's. */
  public RefusalWindows(String name, Duration window, Clock clock, Writer<T> writer) {
    if (window.toSeconds() < 1) {
      throw new IllegalArgumentException("WARDEN_AUDIT_REFUSAL_WINDOW must be at least 1s");
    }
    this.writer = writer;
    this.clock = clock;
    this.windowSeconds = window.toSeconds();
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(() -> flush(false), 1, 1, TimeUnit.SECONDS);
  }

  /**
   * One refusal. {@code key}: what makes two refusals the same (the window is added here); {@code
   * attributes}: the event's, to which {@code count}, {@code windowStart} and {@code windowSeconds}
   * are added.
   */
  public void refused(String key, T details, Map<String, String> attributes) {
    long start = clock.instant().getEpochSecond() / windowSeconds * windowSeconds;
    String windowKey = key + "|" + start;
    Window<T> fresh = new Window<>(windowKey, details, new LinkedHashMap<>(attributes), start);
    Window<T> window = open.putIfAbsent(windowKey, fresh);
    if (window == null) {
      write(fresh, 1, details, true);
      return;
    }
    synchronized (window) {
      if (!window.closed) {
        window.rest++;
        return;
      }
    }
    // Counted after its window was flushed (a refusal that came at the boundary): on its own.
    write(window, 1, details, true);
  }

  /** Writes the counts of ended windows ({@code all}: of every window). */
  void flush(boolean all) {
    long now = clock.instant().getEpochSecond();
    for (Window<T> window : open.values()) {
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
        write(window, rest, window.first, false);
      }
    }
  }

  /** Writes the counts of every open window now: on shutdown, and for a test that cannot wait. */
  public void flushAll() {
    flush(true);
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    flush(true);
  }

  private void write(Window<T> window, long count, T details, boolean atOnce) {
    Map<String, String> attributes = new LinkedHashMap<>(window.attributes);
    attributes.put("count", Long.toString(count));
    attributes.put("windowStart", Long.toString(window.start));
    attributes.put("windowSeconds", Long.toString(windowSeconds));
    try {
      writer.write(details, attributes, count, atOnce);
    } catch (RuntimeException e) {
      log.error("could not record {} refusals ({})", count, window.key, e);
    }
  }

  private static final class Window<T> {
    final String key;
    final T first;
    final Map<String, String> attributes;
    final long start;
    long rest;
    boolean closed;

    Window(String key, T first, Map<String, String> attributes, long start) {
      this.key = key;
      this.first = first;
      this.attributes = attributes;
      this.start = start;
    }
  }
}
