package dev.warden.api.purge;

import dev.warden.workflows.contract.PurgeProgress;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreOutage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The purge page's live part: the step timeline and one bar per store, from the workflow's progress
 * query while the purge runs, from the record once it has ended. A running store has no known
 * total, so its bar shows the running count without inventing a percentage.
 *
 * @param timeline preflight, approval, grace, storage, index, logs, verification
 * @param blockedBy the kill switch or store outage holding the purge, if any
 */
record ConsoleProgress(
    List<Stage> timeline,
    List<Bar> bars,
    String blockedBy,
    String lastFailure,
    String unknown,
    Waiting waiting,
    TimeLeft timeLeft) {

  /** A store the purge waits out an outage of ("waiting for OpenSearch: unavailable since …"). */
  record Waiting(String store, Instant since) {

    static Waiting of(String detail) {
      return StoreOutage.waitingSince(detail)
          .map(w -> new Waiting(w.getKey(), w.getValue()))
          .orElse(null);
    }
  }

  /** {@code state}: done, current, pending, failed or skipped. */
  record Stage(String name, String state) {}

  /** {@code percent} null while running (unknown total). */
  record Bar(String store, String state, Integer percent, long items, long bytes) {}

  private static final List<String> STAGES =
      List.of("preflight", "approval", "grace", "storage", "index", "logs", "verification");

  /**
   * @param expected per store step, what the tenant's latest preview counted (null: no preview)
   * @param runningSince when the purge's RUNNING status began (null: not running)
   */
  static ConsoleProgress live(
      PurgeView purge,
      PurgeProgress progress,
      Map<PurgeStep, Long> expected,
      Instant runningSince,
      Instant now) {
    Map<PurgeStep, Long> done = new EnumMap<>(PurgeStep.class);
    Map<PurgeStep, String> states = new EnumMap<>(PurgeStep.class);
    List<Bar> bars = new ArrayList<>();
    for (PurgeStep step : PurgeStep.values()) {
      String state =
          progress.steps() == null ? "PENDING" : progress.steps().getOrDefault(step, "PENDING");
      StepResult total =
          progress.totals() == null
              ? null
              : progress.totals().stream().filter(t -> t.step() == step).findFirst().orElse(null);
      bars.add(
          bar(step, state, total == null ? 0 : total.items(), total == null ? 0 : total.bytes()));
      done.put(step, total == null ? 0 : total.items());
      states.put(step, state);
    }
    Waiting waiting = Waiting.of(progress.lastFailure());
    TimeLeft left =
        !"RUNNING".equals(purge.status()) || progress.blockedBy() != null
            ? null
            : waiting != null
                ? new TimeLeft(null, "waiting for " + waiting.store())
                : TimeLeft.of(expected, done, states, runningSince, now);
    String current =
        progress.currentStep() == null ? purge.currentStep() : progress.currentStep().name();
    return new ConsoleProgress(
        timeline(purge.status(), current),
        bars,
        progress.blockedBy(),
        progress.lastFailure(),
        null,
        waiting,
        left);
  }

  static ConsoleProgress ended(PurgeView purge) {
    List<Bar> bars = new ArrayList<>();
    boolean completed = "COMPLETED".equals(purge.status());
    for (PurgeStep step : PurgeStep.values()) {
      PurgeView.Step done =
          purge.steps() == null
              ? null
              : purge.steps().stream()
                  .filter(s -> s.step().equalsIgnoreCase(step.name()))
                  .findFirst()
                  .orElse(null);
      bars.add(
          bar(
              step,
              completed ? "DONE" : (done == null ? "PENDING" : "DONE"),
              done == null ? 0 : done.items(),
              done == null ? 0 : done.bytes()));
    }
    return new ConsoleProgress(
        timeline(purge.status(), purge.currentStep()), bars, null, null, null, null, null);
  }

  static ConsoleProgress unknown(PurgeView purge, String why) {
    return new ConsoleProgress(
        timeline(purge.status(), purge.currentStep()), List.of(), null, null, why, null, null);
  }

  boolean complete() {
    return !bars.isEmpty() && bars.stream().allMatch(b -> "DONE".equals(b.state()));
  }

  private static Bar bar(PurgeStep step, String state, long items, long bytes) {
    Integer percent =
        switch (state) {
          case "DONE" -> 100;
          case "PENDING" -> 0;
          default -> null;
        };
    return new Bar(step.name().toLowerCase(Locale.ROOT), state, percent, items, bytes);
  }

  /** Where the purge stands among its stages, from its status and current step. */
  static List<Stage> timeline(String status, String currentStep) {
    int at =
        switch (status) {
          case "REQUESTED" -> 0;
          case "AWAITING_APPROVAL" -> 1;
          case "WAITING_GRACE_PERIOD" -> 2;
          case "COMPLETED" -> STAGES.size();
          default ->
              currentStep == null
                  ? 3
                  : Math.max(3, STAGES.indexOf(currentStep.toLowerCase(Locale.ROOT)));
        };
    boolean stopped =
        List.of("NEEDS_ATTENTION", "FAILED", "CANCELLED", "REJECTED", "EXPIRED").contains(status);
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < STAGES.size(); i++) {
      String state = i < at ? "done" : i == at ? (stopped ? "failed" : "current") : "pending";
      stages.add(new Stage(STAGES.get(i), state));
    }
    return stages;
  }
}
