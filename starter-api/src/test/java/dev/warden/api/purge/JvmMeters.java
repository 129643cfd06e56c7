package dev.warden.api.purge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Worker-side meters summed over every registry of this JVM (Spring Boot binds each context's
 * registry to Micrometer's global one). Test contexts with other settings run in-process workers on
 * the same task queue, so a purge started through one context may have its activities run by
 * another context's worker: its own registry alone would miss those counts.
 */
final class JvmMeters {

  private JvmMeters() {}

  static double counter(String name, String... tags) {
    return Metrics.globalRegistry.find(name).tags(tags).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  static long timerCount(String name, String... tags) {
    return Metrics.globalRegistry.find(name).tags(tags).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }
}
