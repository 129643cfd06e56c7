package dev.warden.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a timed case: the CPU time of every process (Linux {@code
 * /proc}), by role (S3Proxy's devstack JVM, OpenSearch, PostgreSQL, Temporal, Redis, the worker,
 * the API, this benchmark and what it runs, such as rclone), summed over the case's timed runs. A
 * child's time counts to its parent once it has exited (rclone to the benchmark).
 */
final class CpuProfile {

  private static final long PID = ProcessHandle.current().pid();
  private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux we run on
  private final Map<String, Map<String, Double>> seconds = new LinkedHashMap<>();
  private final Map<String, Double> wall = new LinkedHashMap<>();
  private final Map<String, Long> items = new LinkedHashMap<>();

  /** Runs {@code work} (which returns how many items it handled) and records the CPU per role. */
  long measure(String name, Counted work) throws Exception {
    Map<Long, Sample> before = sample();
    long start = System.nanoTime();
    long n = work.run();
    double elapsed = (System.nanoTime() - start) / 1e9;
    Map<Long, Sample> after = sample();
    Map<String, Double> roles = seconds.computeIfAbsent(name, k -> new TreeMap<>());
    after.forEach(
        (pid, s) -> {
          Sample b = before.get(pid);
          long ticks = s.ticks - (b == null ? 0 : b.ticks);
          roles.merge(s.role, ticks / TICKS_PER_SECOND, Double::sum);
        });
    wall.merge(name, elapsed, Double::sum);
    items.merge(name, n, Long::sum);
    return n;
  }

  /** {@code work}, profiled when {@code timed} (warm-up runs are not). */
  Counted around(String name, boolean timed, Counted work) {
    return timed ? () -> measure(name, work) : work;
  }

  /** What a timed case runs: it returns the number of items it deleted. */
  @FunctionalInterface
  interface Counted {
    long run() throws Exception;
  }

  /**
   * One markdown table: per case, CPU seconds per 10,000 items by role, and the cores kept busy.
   */
  void print(List<String> cases, int cores) {
    List<String> roles =
        seconds.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    System.out.printf(
        "%nCPU seconds per 10,000 items, by process (summed over the timed runs; %d cores):%n",
        cores);
    System.out.println("| case | " + String.join(" | ", roles) + " | total | cores busy |");
    System.out.println("|---|" + "---:|".repeat(roles.size() + 2));
    for (String name : cases) {
      Map<String, Double> byRole = seconds.get(name);
      if (byRole == null || items.get(name) == 0) {
        continue;
      }
      double per = 10_000.0 / items.get(name);
      StringBuilder row = new StringBuilder("| " + name + " |");
      double total = 0;
      for (String role : roles) {
        double s = byRole.getOrDefault(role, 0.0);
        total += s;
        row.append(" %.2f |".formatted(s * per));
      }
      row.append(" %.2f | %.2f of %d |".formatted(total * per, total / wall.get(name), cores));
      System.out.println(row);
    }
  }

  private record Sample(String role, long ticks) {}

  private static Map<Long, Sample> sample() throws IOException {
    Map<Long, Sample> all = new LinkedHashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          // Fields after the command name (which may hold spaces): state is field 3, utime 14.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks =
              Long.parseLong(f[11])
                  + Long.parseLong(f[12])
                  + Long.parseLong(f[13])
                  + Long.parseLong(f[14]);
          String cmd =
              new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          long pid = Long.parseLong(name);
          all.put(pid, new Sample(role(pid, cmd), ticks));
        } catch (IOException | RuntimeException gone) {
          // The process ended while we read it: its time is lost to this sample only.
        }
      }
    }
    return all;
  }

  // A process's role by a fragment of its command line, the first that matches.
  private static final List<Map.Entry<String, String>> ROLES =
      List.of(
          Map.entry("warden-worker", "worker"),
          Map.entry("warden-starter-api", "API"),
          Map.entry("org.opensearch", "OpenSearch"),
          Map.entry("/postgres ", "PostgreSQL"), // the postmaster; its backends start "postgres:"
          Map.entry("dev.warden.devstack", "devstack (S3Proxy)"),
          Map.entry("temporal", "Temporal"),
          Map.entry("redis", "Redis"));

  private static String role(long pid, String cmd) {
    if (pid == PID) {
      return "bench client (+ rclone)";
    } else if (cmd.isBlank()) {
      return "kernel";
    } else if (cmd.startsWith("postgres")) {
      return "PostgreSQL";
    }
    return ROLES.stream()
        .filter(r -> cmd.contains(r.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("other");
  }
}
