package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreInventory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The purge's own bookkeeping inside the workflow: what the progress query answers. */
final class PurgeState {

  private PurgeStatus status = PurgeStatus.REQUESTED;
  private PurgeStep currentStep;
  private final Map<PurgeStep, String> steps = new EnumMap<>(PurgeStep.class);
  private final Map<PurgeStep, StepResult> totals = new EnumMap<>(PurgeStep.class);
  private final Map<PurgeStep, Integer> attempts = new EnumMap<>(PurgeStep.class);
  private int blocks;
  private String blockedBy;
  private String lastFailure;
  private StoreInventory lastVerification;

  PurgeState() {
    for (PurgeStep step : PurgeStep.values()) {
      steps.put(step, "PENDING");
    }
  }

  PurgeStatus status() {
    return status;
  }

  PurgeStep currentStep() {
    return currentStep;
  }

  void status(PurgeStatus newStatus, PurgeStep step) {
    status = newStatus;
    currentStep = step;
  }

  /** Starts an attempt of the step; returns its number (1 for the first). */
  int start(PurgeStep step) {
    steps.put(step, "RUNNING");
    lastFailure = null;
    return attempts.merge(step, 1, Integer::sum);
  }

  /** How many times the step was started. */
  int attempts(PurgeStep step) {
    return attempts.getOrDefault(step, 0);
  }

  /** Adds what an attempt removed (also a failed one, from its failure details). */
  StepResult add(PurgeStep step, StepResult result) {
    StepResult before = totals.getOrDefault(step, new StepResult(step, 0, 0));
    if (result == null) {
      return before;
    }
    // Deletions add up across attempts; every logs run scans every archive again, so the
    // unattributable lines it kept are the largest count of one run, not a sum. Archives read
    // are work done, so they add up too.
    StepResult sum =
        new StepResult(
            step,
            before.items() + result.items(),
            before.bytes() + result.bytes(),
            Math.max(before.unattributable(), result.unattributable()),
            before.archivesRead() + result.archivesRead());
    totals.put(step, sum);
    return sum;
  }

  StepResult done(PurgeStep step, StepResult result) {
    steps.put(step, "DONE");
    return add(step, result);
  }

  /** The step is retried after a store outage; the progress query shows what it waits for. */
  void waiting(PurgeStep step, String detail) {
    if (step != null) {
      steps.put(step, "RUNNING");
    }
    lastFailure = detail;
  }

  /** The outage is over: the wait's detail is no failure to show any more. */
  void waited() {
    lastFailure = null;
  }

  void failed(PurgeStep step, String message) {
    steps.put(step, "FAILED");
    lastFailure = message;
  }

  int blocked(String by) {
    blockedBy = by;
    return ++blocks;
  }

  String blockedBy() {
    return blockedBy;
  }

  void unblocked() {
    blockedBy = null;
  }

  void verified(StoreInventory left) {
    lastVerification = left;
  }

  void finish(PurgeStatus finalStatus) {
    status = finalStatus;
    currentStep = null;
  }

  /** Totals of every step that removed anything, in step order. */
  List<StepResult> totals() {
    List<StepResult> out = new ArrayList<>();
    for (PurgeStep step : PurgeStep.values()) {
      if (totals.containsKey(step)) {
        out.add(totals.get(step));
      }
    }
    return out;
  }

  PurgeProgress progress() {
    return new PurgeProgress(
        status,
        currentStep,
        new EnumMap<>(steps),
        totals(),
        new EnumMap<>(attempts),
        blockedBy,
        lastFailure,
        lastVerification);
  }
}
