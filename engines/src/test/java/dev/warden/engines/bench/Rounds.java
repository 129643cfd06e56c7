package dev.warden.engines.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Runs benchmark cases in rounds, each round starting one case later (so no case always runs first
 * or last on a machine whose load drifts), and keeps every case's rates for a median. A case that
 * answers empty is "not available" (e.g. a server without the module it needs).
 */
public final class Rounds {

  /** One measurement of one case: a rate (units per second), or empty when not available. */
  @FunctionalInterface
  public interface Case {
    OptionalDouble measure(String name, int round) throws Exception;
  }

  private final List<String> names;
  private final Map<String, List<Double>> rates = new LinkedHashMap<>();

  public Rounds(List<String> names) {
    this.names = List.copyOf(names);
    this.names.forEach(n -> rates.put(n, new ArrayList<>()));
  }

  /** {@code rounds} rounds of every case; round -1, when {@code warmUp}, is run but not kept. */
  public Rounds run(int rounds, Case warmUp, Case measured) throws Exception {
    if (warmUp != null) {
      for (String name : names) {
        warmUp.measure(name, -1);
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get((k + round) % names.size());
        OptionalDouble rate = measured.measure(name, round);
        if (rate.isPresent()) {
          rates.get(name).add(rate.getAsDouble());
        }
      }
    }
    return this;
  }

  /** The median rate of {@code name}, empty if it never ran. */
  public OptionalDouble median(String name) {
    List<Double> sorted = rates.get(name).stream().sorted().toList();
    return sorted.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(sorted.get(sorted.size() / 2));
  }

  /** The spread of {@code name}'s rates, "min–max", or "n/a". */
  public String range(String name) {
    List<Double> sorted = rates.get(name).stream().sorted().toList();
    return sorted.isEmpty()
        ? "n/a"
        : "%,.0f–%,.0f".formatted(sorted.get(0), sorted.get(sorted.size() - 1));
  }

  /**
   * Prints one markdown row {@code | work | case | median | range | Warden ÷ case |}: case {@code
   * name}'s median in {@code unit}, its range, and {@code warden}'s median over it.
   */
  public void printRow(String work, String name, String warden, String unit) {
    OptionalDouble theirs = median(name);
    OptionalDouble mine = median(warden);
    System.out.printf(
        "| %s | %s | %s | %s | %s |%n",
        work,
        name,
        theirs.isPresent() ? "%,.0f %s".formatted(theirs.getAsDouble(), unit) : "n/a",
        range(name),
        mine.isPresent() && theirs.isPresent()
            ? "%.2f×".formatted(mine.getAsDouble() / theirs.getAsDouble())
            : "n/a");
  }

  /** The machine's 1-minute load average, as the tables report it. */
  public static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : "%.1f".formatted(load);
  }
}
