package dev.warden.workflows.purge;

import static dev.warden.workflows.contract.PurgeEventType.KILL_SWITCH_BLOCKED;

import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The kill-switch guard before every step: blocks, visibly and with an event, while an engaged
 * switch applies, re-checking on a back-off or at once when a release is signalled. Never skips.
 */
final class KillSwitchWait {

  private static final Duration FIRST_RECHECK = Duration.ofSeconds(2);
  // A switch released through the API signals blocked purges at once; this back-off is only the
  // safety net (a switch that expires, a release made in the database). Each re-check cost about
  // 11 history events before transitions (fewer since: a marker instead of an activity's three
  // events): an hourly cap keeps a 30-day block near 8,000 events, below Temporal's 10,240 warning
  // (a 5-minute cap reached 95,000, past its 51,200 limit).
  static final Duration MAX_RECHECK = Duration.ofHours(1);

  private final PurgeRun run;

  KillSwitchWait(PurgeRun run) {
    this.run = run;
  }

  /**
   * Blocks while an engaged kill switch applies; false when the purge was stopped meanwhile. With
   * transitions, the check that allows the step also writes {@code start}'s writes (the step's
   * start, as it stands at that check).
   */
  boolean await(PurgeStep step, Supplier<List<RecordWrite>> start) {
    boolean blocked = false;
    Duration wait = FIRST_RECHECK;
    while (true) {
      GuardDecision decision = run.writes.guard(step, start.get());
      if (decision.allowed()) {
        if (blocked) {
          run.state.unblocked();
        }
        return true;
      }
      if (!blocked) {
        blocked = true;
        block(step, decision);
      }
      run.recheckRequested = false;
      Workflow.await(wait, () -> run.recheckRequested || run.stopReason != null);
      if (run.stopReason != null) {
        return false;
      }
      wait = wait.multipliedBy(2).compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait.multipliedBy(2);
    }
  }

  private void block(PurgeStep step, GuardDecision decision) {
    int block = run.state.blocked(decision.scope() + " (" + decision.reason() + ")");
    run.setStatusLater( // written with the event below
        PurgeStatus.BLOCKED_BY_KILL_SWITCH,
        step,
        "blocked by kill switch " + run.state.blockedBy());
    run.emit(
        KILL_SWITCH_BLOCKED,
        step,
        block,
        Map.of(
            "switchId",
            String.valueOf(decision.switchId()),
            "scope",
            String.valueOf(decision.scope()),
            "reason",
            String.valueOf(decision.reason())));
  }
}
