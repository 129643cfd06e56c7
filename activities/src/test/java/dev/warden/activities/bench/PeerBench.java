package dev.warden.activities.bench;

import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.engines.bench.Rounds;
import dev.warden.engines.indexpurge.bench.IndexSweepCases;
import dev.warden.engines.objects.bench.StorageCases;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.testing.S3Fixture;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Warden beside its peers, on one devstack in one run: the storage step against a raw SDK list +
 * DeleteObjects loop at the same page size and concurrency ({@link StorageCases}), and the index
 * step against the one-thread PIT + bulk loop and {@code _delete_by_query} ({@link
 * IndexSweepCases}). Every case is seeded fresh and checked (exact count, neighbours intact);
 * rounds rotate the case order; the table shows medians, with Warden ÷ case in the last column. Not
 * a test: it asserts nothing about time (docs/benchmarks.md has the command and the figures).
 *
 * <p>Arguments: objects, documents (each for the tenant and again for its neighbours), rounds,
 * storage concurrency (the worker's default {@code WARDEN_PURGE_CONCURRENCY}, 2), index lanes (the
 * default {@code WARDEN_PURGE_INDEX_LANES}, 4).
 */
public final class PeerBench {

  private static final int PAGE = 1_000; // WARDEN_PURGE_PAGE_SIZE's default

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int docs = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int lanes = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    String wardenIndex = IndexSweepCases.warden(lanes);
    List<String> names =
        List.of(
            StorageCases.WARDEN,
            StorageCases.PEER,
            wardenIndex,
            IndexSweepCases.PEER,
            IndexSweepCases.DELETE_BY_QUERY);
    List<String> loads = new ArrayList<>();
    try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
      DevStackEndpoints endpoints = stack.endpoints();
      S3Client s3 =
          S3Fixture.client(
              endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey());
      OpenSearchClient search = OpenSearchClients.create(endpoints.openSearchUrl());
      IndexSweepCases index = new IndexSweepCases(search);
      try (StorageCases storage = new StorageCases(s3, endpoints.s3Bucket(), PAGE, concurrency)) {
        storage.seedNeighbours(objects);
        Rounds.Case warmUp =
            (name, round) ->
                name.startsWith("storage")
                    ? storage.measure(name, Math.max(1, objects / 10), false)
                    : index.measure(name, Math.max(1, docs / 4), docs / 4, false);
        Rounds.Case measured =
            (name, round) -> {
              loads.add(Rounds.load());
              System.out.printf("round %d, load %s: ", round + 1, loads.get(loads.size() - 1));
              return name.startsWith("storage")
                  ? storage.measure(name, objects, true)
                  : index.measure(name, docs, docs, true);
            };
        Rounds results = new Rounds(names).run(rounds, warmUp, measured);
        print(results, objects, docs, rounds, concurrency, loads, wardenIndex);
      }
    }
  }

  private static void print(
      Rounds results,
      int objects,
      int docs,
      int rounds,
      int concurrency,
      List<String> loads,
      String wardenIndex) {
    System.out.printf(
        "%nstorage: %,d objects among %,d of a neighbour, page %,d, concurrency %d;"
            + " index: %,d documents among %,d others; median of %d round(s); load average %s%n",
        objects, objects, PAGE, concurrency, docs, docs, rounds, String.join(" ", loads));
    System.out.println("| step | case | median | range | Warden ÷ case |");
    System.out.println("|---|---|---:|---:|---:|");
    results.printRow("storage", StorageCases.WARDEN, StorageCases.WARDEN, "objects/s");
    results.printRow("storage", StorageCases.PEER, StorageCases.WARDEN, "objects/s");
    results.printRow("index", wardenIndex, wardenIndex, "docs/s");
    results.printRow("index", IndexSweepCases.PEER, wardenIndex, "docs/s");
    results.printRow("index", IndexSweepCases.DELETE_BY_QUERY, wardenIndex, "docs/s");
  }
}
