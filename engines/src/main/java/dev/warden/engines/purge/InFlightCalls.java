package dev.warden.engines.purge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits out a store call an earlier attempt recorded as pending before it sent it: once the call's
 * client-side bound (plus a second) has passed since the record, the call has returned or been
 * given up, and what it did can be counted. Used by the storage lanes and the index steps when they
 * take over from an attempt that may still be running.
 *
 * <p>A call this process saw end without a counted answer (it threw: a reset, a refused connection,
 * a timeout) is remembered under its key ({@link #ended}); an attempt of this same process that
 * takes over after a store outage waits only the margin after that end ({@link #endedHere}) instead
 * of the whole bound since the record. Another process cannot know, and waits the bound.
 */
public final class InFlightCalls {

  private static final Duration MARGIN = Duration.ofSeconds(1);
  private static final long TICK_MILLIS = 1000;
  private static final int MAX_REMEMBERED = 10_000;
  private static final Map<String, Long> ENDED = new ConcurrentHashMap<>();

  private InFlightCalls() {}

  /**
   * Returns once {@code bound} plus a second has passed since a call recorded {@code age} ago,
   * running {@code whileWaiting} (e.g. a heartbeat) about every second meanwhile.
   */
  public static void waitOut(Duration bound, Duration age, Runnable whileWaiting) {
    waitUntil(System.nanoTime() + bound.plus(MARGIN).minus(age).toNanos(), whileWaiting);
  }

  /** The recorded call under {@code key} ended in this process without a counted answer. */
  public static void ended(String key) {
    if (ENDED.size() >= MAX_REMEMBERED) {
      ENDED.clear(); // forgetting costs only a longer wait
    }
    ENDED.put(key, System.nanoTime());
  }

  /**
   * Whether this process saw the call under {@code key} end; if so, returns once the margin has
   * passed since. Remembered until {@link #forget}: a taker-over that fails before it resolves the
   * call (the store still down) leaves it for the next.
   */
  public static boolean endedHere(String key, Runnable whileWaiting) {
    Long at = ENDED.get(key);
    if (at == null) {
      return false;
    }
    waitUntil(at + MARGIN.toNanos(), whileWaiting);
    return true;
  }

  /** The call under {@code key} is resolved, or a new call is recorded under the same key. */
  public static void forget(String key) {
    ENDED.remove(key);
  }

  private static void waitUntil(long until, Runnable whileWaiting) {
    while (System.nanoTime() < until) {
      whileWaiting.run();
      try {
        Thread.sleep(Math.min(TICK_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting out a call in flight", e);
      }
    }
  }
}
