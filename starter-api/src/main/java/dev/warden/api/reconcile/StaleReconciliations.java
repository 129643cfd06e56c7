package dev.warden.api.reconcile;

import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.tenant.Env;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A run recorded RUNNING whose workflow has ended without finishing it (terminated in Temporal UI,
 * failed as a whole before its last activity) or that Temporal no longer knows (an in-memory test
 * server restarted) would hold the environment's one RUNNING slot forever: every on-demand run
 * would get 409 and every nightly run would be skipped. Such a run is ended FAILED, when a new run
 * is asked for and by {@link StaleReconciliationSweeper}.
 */
@Component
class StaleReconciliations {

  // The API records a run before it starts its workflow; until the start lands the workflow is
  // unknown, and the sweep must not take that for a forgotten run.
  static final Duration START_GRACE = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(StaleReconciliations.class);
  private final ReconciliationRuns runs;
  private final ReconciliationWorkflows workflows;
  private final Env env;
  private final Clock clock;

  StaleReconciliations(
      ReconciliationRuns runs, ReconciliationWorkflows workflows, Env env, Clock clock) {
    this.runs = runs;
    this.workflows = workflows;
    this.env = env;
    this.clock = clock;
  }

  /**
   * Ends {@code run} FAILED when its workflow is no longer running; true when it did. Temporal not
   * answering throws: nothing can be concluded then.
   */
  boolean endIfGone(ReconciliationRuns.Run run) {
    if (workflows.isRunning(run.workflowId())) {
      return false;
    }
    String detail =
        "workflow " + run.workflowId() + " is no longer running or Temporal no longer knows it";
    runs.finish(run.reconciliationId(), "FAILED", detail);
    log.warn("reconciliation {} ended FAILED: {}", run.reconciliationId(), detail);
    return true;
  }

  /** The environment's RUNNING run, once past the start grace, ended when its workflow is gone. */
  boolean sweep() {
    Optional<ReconciliationRuns.Run> running = runs.running(env.value());
    return running.isPresent() && !tooYoung(running.get()) && endIfGone(running.get());
  }

  private boolean tooYoung(ReconciliationRuns.Run run) {
    return run.requestedAt() != null
        && run.requestedAt().isAfter(clock.instant().minus(START_GRACE));
  }
}
