package dev.warden.workflows.purge;

import static dev.warden.workflows.contract.PurgeEventType.STEP_FAILED;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.versions.WorkflowVersions.Purge;
import io.temporal.workflow.Workflow;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * After the store steps: count what is left in every store; re-run a step with residue a few times,
 * then park the purge for an operator rather than certify a purge that is not complete.
 */
final class Verification {

  /** Verification re-runs a step with residue this often before asking an operator. */
  static final int MAX_REPAIRS = 2;

  private final PurgeRun run;
  private final StepRunner steps;
  private int residueFound;

  Verification(PurgeRun run, StepRunner steps) {
    this.run = run;
    this.steps = steps;
  }

  /** Counts what is left; repairs a few times, then asks an operator. Null when stopped. */
  StoreInventory verify() {
    int repairs = 0;
    while (run.stopReason == null) {
      run.setStatus(PurgeStatus.RUNNING, null, "verifying: counting what is left in every store");
      StoreInventory left = run.count("Verify nothing of " + run.request.tenantId() + " is left");
      if (left == null) {
        return null;
      }
      run.state.verified(left);
      if (left.nothingLeft()) {
        run.emitLater(PurgeEventType.PURGE_VERIFIED, null, 0, Map.of("residue", "0"));
        return left;
      }
      if (Workflow.getVersion(Purge.RESIDUE_EVENT, Workflow.DEFAULT_VERSION, 1) == 1) {
        run.emit(PurgeEventType.PURGE_RESIDUE_FOUND, null, ++residueFound, residue(left));
      }
      if (repairs < MAX_REPAIRS) {
        repairs++;
        for (PurgeStep step : PurgeStep.values()) {
          run.repairing = true;
          boolean repaired = left.residueOf(step) == 0 || steps.run(step);
          run.repairing = false;
          if (!repaired) {
            return null;
          }
        }
        continue;
      }
      String message = "verification found residue after " + repairs + " repairs: " + left;
      run.setStatus(PurgeStatus.NEEDS_ATTENTION, null, message);
      run.emit(
          STEP_FAILED,
          null,
          ++run.countFailures,
          Map.of("cause", message, "type", Failures.RESIDUE.type()));
      if (!run.awaitOperator()) {
        return null;
      }
      repairs = 0;
    }
    return null;
  }

  /** What was left per store, as the event's attributes (the metrics count them per store). */
  private static Map<String, String> residue(StoreInventory left) {
    Map<String, String> attributes = new TreeMap<>();
    for (PurgeStep step : PurgeStep.values()) {
      attributes.put(step.name().toLowerCase(Locale.ROOT), Long.toString(left.residueOf(step)));
    }
    return attributes;
  }
}
