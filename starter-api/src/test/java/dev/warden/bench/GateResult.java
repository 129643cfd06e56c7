package dev.warden.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One row's measurements of {@link GateOverheadBench}: client latencies (send to response) with the
 * replica each request went to, and the chain's own time as measured in each replica's handler.
 */
record GateResult(
    long[] client, int[] replicaOf, boolean[] late, long[][] chainByReplica, int failed) {

  /** The requests that went to replica {@code r}, and that replica's chain times. */
  GateResult of(int r) {
    int[] mine = IntStream.range(0, client.length).filter(i -> replicaOf[i] == r).toArray();
    long[] latencies = new long[mine.length];
    boolean[] wasLate = new boolean[mine.length];
    for (int i = 0; i < mine.length; i++) {
      latencies[i] = client[mine[i]];
      wasLate[i] = late[mine[i]];
    }
    return new GateResult(
        latencies, new int[mine.length], wasLate, new long[][] {chainByReplica[r]}, failed);
  }

  String row(String mode, String route, GateResult baseline) {
    long[] c = client.clone();
    Arrays.sort(c);
    long[] chain = Arrays.stream(chainByReplica).flatMapToLong(Arrays::stream).sorted().toArray();
    String added;
    if (baseline == null) {
      added = "| – | – ";
    } else {
      long[] b = baseline.client.clone();
      Arrays.sort(b);
      added = "| %.1f | %.1f ".formatted(us(pct(c, 50) - pct(b, 50)), us(pct(c, 99) - pct(b, 99)));
    }
    String chainCols =
        chain.length == 0
            ? "| – | – |"
            : "| %.1f | %.1f |".formatted(us(pct(chain, 50)), us(pct(chain, 99)));
    return String.format(
        Locale.ROOT,
        "| %s | %s | %,d | %d | %.1f%% | %.1f | %.1f %s%s",
        mode,
        route,
        c.length,
        failed,
        100.0 * IntStream.range(0, late.length).filter(i -> late[i]).count() / c.length,
        us(pct(c, 50)),
        us(pct(c, 99)),
        added,
        chainCols);
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double us(long nanos) {
    return nanos / 1_000.0;
  }
}
