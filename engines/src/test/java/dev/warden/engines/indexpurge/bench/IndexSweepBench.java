package dev.warden.engines.indexpurge.bench;

import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.engines.bench.Rounds;
import dev.warden.engines.opensearch.OpenSearchClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The index step's sweep against its peers, in one run on the same OpenSearch ({@link
 * IndexSweepCases}): Warden's {@code TenantIndexStore.purge} with 1, 2 and 4 lanes; the one-thread
 * client point in time + {@code search_after} + 1,000-id {@code _bulk} loop; {@code
 * _delete_by_query} with {@code slices=auto}. Not a test: it asserts nothing about time
 * (docs/benchmarks.md has the command and the figures). Arguments: tenant documents, other
 * documents, rounds, and optionally a comma-separated subset of the cases.
 */
public final class IndexSweepBench {

  public static void main(String[] args) throws Exception {
    int tenantDocs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int otherDocs = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    List<String> names =
        args.length > 3
            ? Arrays.asList(args[3].split(","))
            : List.of(
                IndexSweepCases.PEER,
                IndexSweepCases.warden(1),
                IndexSweepCases.warden(2),
                IndexSweepCases.warden(4),
                IndexSweepCases.DELETE_BY_QUERY);
    List<String> loads = new ArrayList<>();
    try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
      OpenSearchClient client = OpenSearchClients.create(stack.endpoints().openSearchUrl());
      IndexSweepCases cases = new IndexSweepCases(client);
      // Warm-up (not counted): JIT and the server's caches, so the first case is not penalised.
      Rounds results =
          new Rounds(names)
              .run(
                  rounds,
                  (name, round) -> cases.measure(name, 50_000, 50_000, false),
                  (name, round) -> {
                    System.out.printf("round %d, load %s: ", round + 1, Rounds.load());
                    loads.add(Rounds.load());
                    return cases.measure(name, tenantDocs, otherDocs, true);
                  });
      String peer = names.contains(IndexSweepCases.PEER) ? IndexSweepCases.PEER : names.get(0);
      System.out.printf(
          "%n%,d tenant docs among %,d others, median of %d round(s), load average %s%n",
          tenantDocs, otherDocs, rounds, String.join(" ", loads));
      System.out.printf("| case | docs/s (median) | range | vs %s |%n|---|---:|---:|---:|%n", peer);
      OptionalDouble base = results.median(peer);
      for (String name : names) {
        OptionalDouble rate = results.median(name);
        System.out.printf(
            "| %s | %s | %s | %s |%n",
            name,
            rate.isPresent() ? "%,.0f".formatted(rate.getAsDouble()) : "n/a",
            results.range(name),
            rate.isPresent() && base.isPresent()
                ? "%.2f×".formatted(rate.getAsDouble() / base.getAsDouble())
                : "n/a");
      }
    }
  }
}
