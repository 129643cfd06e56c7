package dev.warden.workflows.purge;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StoreOutage;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Waits out a store outage inside a step instead of paging an operator: while a store keeps failing
 * with an outage (refused connections, timeouts, 503, SlowDown) for less than the worker's outage
 * tolerance, the step (or the count: dry run, verification) is retried on a back-off and the status
 * says "waiting for ..." with the last error. Past the tolerance, or on any failure that is no
 * outage, the caller parks the purge.
 */
final class OutageWait {

  private static final Logger log = Workflow.getLogger(OutageWait.class);

  // Each round costs the activity's own retries (about 15 s) plus this wait, and about 15 history
  // events: a 5-minute cap keeps a day-long tolerance near 4,000 events.
  private static final Duration FIRST_WAIT = Duration.ofSeconds(15);
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final PurgeRun run;
  private Long since;
  private Duration wait;
  private String shown;
  private String exhausted;

  OutageWait(PurgeRun run) {
    this.run = run;
  }

  /**
   * True once the step may be run again after waiting out one more stretch of the outage (or the
   * purge was stopped meanwhile: the caller checks); false when the failure is no outage or the
   * tolerance is spent, and the caller parks the purge.
   */
  boolean waitedOut(PurgeStep step, ApplicationFailure cause) { // step: null while counting
    StoreOutage outage = outage(cause);
    exhausted = null;
    if (outage == null
        || Workflow.getVersion(Purge.WAIT_OUT_STORE_OUTAGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return false;
    }
    long now = Workflow.currentTimeMillis();
    if (since == null) {
      since = now;
      wait = FIRST_WAIT;
    }
    long until = since + Duration.ofSeconds(outage.toleranceSeconds()).toMillis();
    if (now >= until) {
      exhausted =
          outage.store()
              + " still unavailable after "
              + Duration.ofSeconds(outage.toleranceSeconds())
              + " (WARDEN_PURGE_OUTAGE_TOLERANCE): "
              + cause.getOriginalMessage();
      recovered();
      return false;
    }
    String detail =
        outage.waitingDetail(
            Instant.ofEpochMilli(since), Instant.ofEpochMilli(until), cause.getOriginalMessage());
    run.state.waiting(step, detail);
    if (!detail.equals(shown)) {
      shown = detail; // an unchanged detail costs no history: the record already says it
      run.setStatus(PurgeStatus.RUNNING, step, detail);
    }
    log.info("purge {} step {}: {}", run.request.purgeId(), step, detail);
    Duration left = Duration.ofMillis(until - now);
    Workflow.await(left.compareTo(wait) < 0 ? left : wait, run::stopped);
    wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
    return true;
  }

  /** True while the step is being retried after an outage (its attempt is still the same). */
  boolean waiting() {
    return since != null;
  }

  /** The park detail after a spent tolerance; null otherwise. */
  String exhausted() {
    return exhausted;
  }

  /** The step got through (or parked): the next outage gets the whole tolerance again. */
  void recovered() {
    if (since != null) {
      run.state.waited(); // progress stops saying "waiting for ..." once the store answers
    }
    since = null;
    shown = null;
  }

  private static StoreOutage outage(ApplicationFailure cause) {
    if (cause == null
        || !(Failures.STORE_UNAVAILABLE.type().equals(cause.getType())
            || Failures.PARTIAL_DELETION.type().equals(cause.getType()))
        || cause.getDetails().getSize() < 2) {
      return null;
    }
    try {
      return cause.getDetails().get(1, StoreOutage.class);
    } catch (RuntimeException notAnOutage) {
      log.warn("second failure detail is not a StoreOutage: {}", notAnOutage.getMessage());
      return null;
    }
  }
}
