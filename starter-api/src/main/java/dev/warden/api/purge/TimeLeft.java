package dev.warden.api.purge;

import dev.warden.workflows.contract.PurgeStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The purge page's estimate of the time left, only where it can be computed: the expected counts
 * per store are those of the tenant's latest completed preview (a dry run counts what the purge
 * would delete), the rate is what this purge has removed per second since it began running. Without
 * a preview, before anything was removed or within the first seconds, there is no estimate and
 * {@code why} says so.
 *
 * @param left null when no estimate can be made
 */
record TimeLeft(Duration left, String why) {

  static final Duration MIN_SAMPLE = Duration.ofSeconds(5);

  /**
   * @param expected per store step, what the preview counted
   * @param done per store step, what this purge removed so far
   * @param states per store step, PENDING, RUNNING, DONE or FAILED
   * @param runningSince when this purge's store steps began (its RUNNING status)
   */
  static TimeLeft of(
      Map<PurgeStep, Long> expected,
      Map<PurgeStep, Long> done,
      Map<PurgeStep, String> states,
      Instant runningSince,
      Instant now) {
    if (expected == null) {
      return new TimeLeft(null, "no preview of this tenant to size the work by");
    }
    if (runningSince == null || Duration.between(runningSince, now).compareTo(MIN_SAMPLE) < 0) {
      return new TimeLeft(null, "the store steps have just begun");
    }
    long removed = 0;
    long remaining = 0;
    for (PurgeStep step : PurgeStep.values()) {
      long did = done.getOrDefault(step, 0L);
      removed += did;
      if (!"DONE".equals(states.get(step))) {
        remaining += Math.max(0, expected.getOrDefault(step, 0L) - did);
      }
    }
    if (removed == 0) {
      return new TimeLeft(null, "nothing removed yet to measure a rate by");
    }
    double perSecond = removed / (Duration.between(runningSince, now).toMillis() / 1000.0);
    return new TimeLeft(Duration.ofSeconds((long) Math.ceil(remaining / perSecond)), null);
  }

  /** "about 3 min", "under a minute", "about 2 h 5 min". */
  public String text() {
    if (left == null) {
      return "estimating…";
    }
    long minutes = (left.toSeconds() + 59) / 60;
    if (minutes <= 1) {
      return left.isZero() ? "almost done" : "under a minute";
    }
    return minutes < 60
        ? "about " + minutes + " min"
        : "about " + minutes / 60 + " h " + minutes % 60 + " min";
  }
}
