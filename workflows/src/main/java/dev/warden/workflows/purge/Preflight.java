package dev.warden.workflows.purge;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Before anything is deleted (and before a dry run counts): checks that every store can be purged
 * and counted exactly. A store that cannot (a log index without an exact tenant field) parks the
 * purge in NEEDS_ATTENTION with nothing deleted yet; an operator fixes it and retries, which runs
 * the preflight again. Histories recorded before the preflight existed replay without it.
 */
final class Preflight {

  static final String CHANGE_ID = "preflight-before-delete";

  private final PurgeRun run;

  Preflight(PurgeRun run) {
    this.run = run;
  }

  /** True when the purge may go on; false when it was stopped while waiting for an operator. */
  boolean passes() {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return true;
    }
    int attempt = 0;
    while (!run.stopped()) {
      List<String> problems =
          run.stubs.preflight("Check every store can be purged exactly").preflight(run.request);
      if (problems.isEmpty()) {
        return true;
      }
      String message =
          "preflight: nothing deleted; these cannot be purged exactly: "
              + String.join("; ", problems);
      run.setStatus(PurgeStatus.NEEDS_ATTENTION, null, message);
      run.emit(
          PurgeEventType.PURGE_PREFLIGHT_FAILED,
          null,
          ++attempt,
          Map.of("cause", message, "type", Failures.UNPURGEABLE.type()));
      if (!run.awaitOperator()) {
        return false;
      }
    }
    return false;
  }
}
