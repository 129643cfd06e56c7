package dev.warden.engines.purge;

import java.time.Duration;

/**
 * Waits out a store call an earlier attempt recorded as pending before it sent it: once the call's
 * client-side bound (plus a second) has passed since the record, the call has returned or been
 * given up, and what it did can be counted. Used by the storage lanes and the index steps when they
 * take over from an attempt that may still be running.
 */
public final class InFlightCalls {

  private static final Duration MARGIN = Duration.ofSeconds(1);
  private static final long TICK_MILLIS = 1000;

  private InFlightCalls() {}

  /**
   * Returns once {@code bound} plus a second has passed since a call recorded {@code age} ago,
   * running {@code whileWaiting} (e.g. a heartbeat) about every second meanwhile.
   */
  public static void waitOut(Duration bound, Duration age, Runnable whileWaiting) {
    long until = System.nanoTime() + bound.plus(MARGIN).minus(age).toNanos();
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
