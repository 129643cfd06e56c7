package dev.warden.activities.metrics;

import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The worker's purge metrics (names agreed with the alert rules and dashboards; listed in
 * docs/operations.md). Tags are bounded sets: env, outcome, step, store. Never a tenant id: tenants
 * are unbounded, and so would the series be.
 */
public final class PurgeMetrics {

  private final MeterRegistry registry;

  public PurgeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the counters of every bounded tag value at 0, so dashboards and alerts find each
   * series before the first event (a counter appears on a scrape only once it exists).
   */
  public PurgeMetrics preRegister(String env) {
    for (PurgeStep step : PurgeStep.values()) {
      for (String name :
          new String[] {
            "warden.purge.deleted.items",
            "warden.purge.deleted.bytes",
            "warden.purge.residue.found",
            "warden.purge.repairs"
          }) {
        Counter.builder(name).tag("store", store(step)).register(registry);
      }
      Timer.builder("warden.purge.step.duration")
          .tag("step", store(step))
          .tag("outcome", "success")
          .register(registry);
    }
    Timer.builder("warden.purge.completion").tag("env", env).register(registry);
    for (String outcome :
        new String[] {"completed", "cancelled", "failed", "rejected", "expired"}) {
      Counter.builder("warden.purges.finished")
          .tag("env", env)
          .tag("outcome", outcome)
          .register(registry);
    }
    for (String dryRun : new String[] {"true", "false"}) {
      Counter.builder("warden.purges.started")
          .tag("env", env)
          .tag("dry_run", dryRun)
          .register(registry);
    }
    return this;
  }

  /** Metrics nobody reads: for tests and tools that wire activities without an app. */
  public static PurgeMetrics none() {
    return new PurgeMetrics(new SimpleMeterRegistry());
  }

  /** A purge's workflow began (counted once per purge, when its record first says so). */
  public void started(String env, boolean dryRun) {
    Counter.builder("warden.purges.started")
        .description("purges whose workflow began")
        .tag("env", env)
        .tag("dry_run", Boolean.toString(dryRun))
        .register(registry)
        .increment();
  }

  /** A purge ended; {@code outcome} is its final status in lower case. */
  public void finished(String env, String outcome) {
    Counter.builder("warden.purges.finished")
        .description("purges that ended, by outcome")
        .tag("env", env)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** A real purge completed: from the data subject's request to the verified end. */
  public void completion(String env, Duration sinceReceived) {
    Timer.builder("warden.purge.completion")
        .description("from the request's receipt to the purge's completion")
        .tag("env", env)
        .register(registry)
        .record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
  }

  /** One attempt of a store step: {@code outcome} success, failure, stopped or kill_switch. */
  public void step(PurgeStep step, String outcome, Duration took) {
    Timer.builder("warden.purge.step.duration")
        .description("one attempt of a store step")
        .tag("step", store(step))
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
  }

  /** What one page (or the rest of a step) removed. */
  public void deleted(PurgeStep step, StepResult delta) {
    if (delta.items() > 0) {
      Counter.builder("warden.purge.deleted.items")
          .description("objects (versions), documents and log entries deleted")
          .tag("store", store(step))
          .register(registry)
          .increment(delta.items());
    }
    if (delta.bytes() > 0) {
      Counter.builder("warden.purge.deleted.bytes")
          .description("bytes deleted")
          .baseUnit("bytes")
          .tag("store", store(step))
          .register(registry)
          .increment(delta.bytes());
    }
  }

  /** Verification found data left in a store. */
  public void residueFound(String store) {
    Counter.builder("warden.purge.residue.found")
        .description("verifications that found data left in a store")
        .tag("store", store)
        .register(registry)
        .increment();
  }

  /** Verification re-ran a store's step to remove residue. */
  public void repair(String store) {
    Counter.builder("warden.purge.repairs")
        .description("store steps re-run by verification")
        .tag("store", store)
        .register(registry)
        .increment();
  }

  /** The store tag of a step: storage, index, logs. */
  public static String store(PurgeStep step) {
    return step.name().toLowerCase(Locale.ROOT);
  }
}
