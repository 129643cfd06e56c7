package dev.warden.activities.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One case of {@link PurgeFixedCostBench}: its purges' wall times, histories and worker times. */
record Row(
    String what,
    double[] seconds,
    List<PurgeTimeline> timelines,
    Map<String, ActivityTimes.Time> worker) {

  double p50() {
    return percentile(0.5);
  }

  double p90() {
    return percentile(0.9);
  }

  private double percentile(double p) {
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(p * sorted.length) - 1];
  }

  private double perPurge(double total) {
    return total / timelines.size();
  }

  void print() {
    System.out.printf(
        "| %s | %d | %.3f s | %.3f s | %.1f | %.1f | %.1f | %.1f |%n",
        what,
        seconds.length,
        p50(),
        p90(),
        perPurge(timelines.stream().mapToInt(PurgeTimeline::activityCount).sum()),
        perPurge(timelines.stream().mapToInt(PurgeTimeline::localActivityCount).sum()),
        perPurge(timelines.stream().mapToInt(t -> t.events).sum()),
        perPurge(timelines.stream().mapToInt(t -> t.workflowTasks).sum()));
  }

  /** Mean per purge: each activity type's count and time, the workflow tasks' time. */
  void breakdown() {
    System.out.println();
    System.out.printf(
        "where the time of one purge goes (%s, mean of %d; wall time mean %.1f ms)%n",
        what, seconds.length, perPurge(Arrays.stream(seconds).sum()) * 1e3);
    System.out.println(
        "| activity type | per purge | in the worker, ms | scheduled to closed, ms |"
            + " scheduled to started, ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, double[]> history = new TreeMap<>();
    for (PurgeTimeline t : timelines) {
      t.activities.forEach(
          (type, a) -> {
            double[] sum = history.computeIfAbsent(type, k -> new double[2]);
            sum[0] += a.scheduleToCloseMs();
            sum[1] += a.scheduleToStartMs();
          });
    }
    double workerTotal = 0;
    for (var entry : worker.entrySet()) {
      String type = entry.getKey();
      double[] h = history.get(type);
      workerTotal += entry.getValue().ms();
      System.out.printf(
          "| %s | %.1f | %.1f | %s | %s |%n",
          type,
          perPurge(entry.getValue().count()),
          perPurge(entry.getValue().ms()),
          h == null ? "–" : "%.1f".formatted(perPurge(h[0])),
          h == null ? "–" : "%.1f".formatted(perPurge(h[1])));
    }
    System.out.printf("| all activities, in the worker | | %.1f | | |%n", perPurge(workerTotal));
    double span = perPurge(timelines.stream().mapToDouble(t -> t.spanMs).sum());
    double outside =
        span
            - perPurge(
                timelines.stream()
                    .flatMap(t -> t.activities.values().stream())
                    .mapToDouble(PurgeTimeline.Activity::scheduleToCloseMs)
                    .sum());
    System.out.printf(
        "| history span outside server activities (workflow tasks with their local activities,"
            + " dispatch) | | %.1f | | |%n",
        outside);
    System.out.printf(
        "| client: start and result, outside the history span | | %.1f | | |%n",
        perPurge(Arrays.stream(seconds).sum() * 1e3) - span);
    System.out.printf(
        "workflow tasks: %.1f per purge, queued %.1f ms per purge, %d timed out or failed%n",
        perPurge(timelines.stream().mapToInt(t -> t.workflowTasks).sum()),
        perPurge(timelines.stream().mapToDouble(t -> t.workflowTaskQueueMs).sum()),
        timelines.stream().mapToInt(t -> t.workflowTaskProblems).sum());
  }
}
