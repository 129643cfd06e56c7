package dev.warden.engines.objects.bench;

import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.testing.S3Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one ListObjectsV2 page of 1,000 keys under one tenant's prefix costs on the local S3 as the
 * bucket fills with other tenants' keys, listed by S3Proxy's own walk and by the devstack's index
 * ({@code IndexedListingBlobStore}) over the same files, in one run: S3Proxy's filesystem store
 * holds one tenant of T keys and other tenants of 1,000 keys each, seeded up to each size of N in
 * turn; at each size the first page of the tenant and a page from its middle (StartAfter) are timed
 * (median of 9 after 2 warm-ups), and the first page of one 1,000-key tenant beside it. Keys are
 * laid out as uploads are: {@code tenants/{id}/uploads/{uuid}/f.bin}. Not a test: it asserts
 * nothing about time (docs/benchmarks.md has the command and the figures).
 */
public final class ListingScaleBench {

  static final int REPEATS = 9;
  static final String BUCKET = "bench";

  public static void main(String[] args) throws Exception {
    int tenantKeys = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int[] others =
        Arrays.stream((args.length > 1 ? args[1] : "10000,100000,300000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    List<String> rows = new ArrayList<>();
    Path dir = Files.createTempDirectory("listing-bench-");
    try {
      Random random = new Random(24);
      List<String> acme;
      try (S3ProxyServer server = server(dir, false)) {
        server.ensureBucket(BUCKET);
        acme = seed(server, random, "acme", tenantKeys);
      }
      String middle = acme.get(acme.size() / 2);
      int seeded = 0;
      for (int size : others) {
        long start = System.nanoTime();
        try (S3ProxyServer server = server(dir, false)) {
          for (; seeded < size; seeded += 1_000) {
            seed(server, random, "other" + seeded / 1_000, 1_000);
          }
        }
        double seedSeconds = (System.nanoTime() - start) / 1e9;
        // the same files, listed by S3Proxy's own walk, then from the index (built at start)
        for (boolean indexed : new boolean[] {false, true}) {
          long open = System.nanoTime();
          try (S3ProxyServer server = server(dir, indexed);
              S3Client s3 = S3Fixture.client(server.endpoint(), "bench", "bench-secret")) {
            double startSeconds = (System.nanoTime() - open) / 1e9;
            double first = median(s3, "tenants/acme/", null);
            double mid = median(s3, "tenants/acme/", middle);
            double small = median(s3, "tenants/other0/", null);
            rows.add(
                "| %s | %,d | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f s | %.1f s |"
                    .formatted(
                        indexed ? "index" : "store walk",
                        seeded,
                        tenantKeys,
                        first,
                        mid,
                        small,
                        startSeconds,
                        seedSeconds));
            System.out.println(rows.get(rows.size() - 1));
          }
        }
      }
    } finally {
      deleteQuietly(dir);
    }
    System.out.println();
    System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.println(
        "| listing | other tenants' keys | tenant's keys | first page | middle page"
            + " | first page, 1,000-key tenant | server start | seeding |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
  }

  // S3Proxy's filesystem store over the bench's files, as the devstack runs it by default
  private static S3ProxyServer server(Path dir, boolean indexed) {
    return indexed
        ? S3ProxyServer.start(0, StoreKind.FILESYSTEM, dir, "bench", "bench-secret")
        : S3ProxyServer.startWithStoreListing(
            0, StoreKind.FILESYSTEM, dir, "bench", "bench-secret");
  }

  /** The tenant's keys, sorted, after writing them straight into the blob store. */
  static List<String> seed(S3ProxyServer server, Random random, String tenant, int keys) {
    List<String> out = new ArrayList<>(keys);
    byte[] body = {1};
    for (int i = 0; i < keys; i++) {
      String key =
          "tenants/%s/uploads/%s/f.bin"
              .formatted(tenant, new UUID(random.nextLong(), random.nextLong()));
      server.putDirect(BUCKET, key, body);
      out.add(key);
    }
    out.sort(null);
    return out;
  }

  /** Median ms of one ListObjectsV2 page of up to 1,000 keys, checked to hold 1,000 keys. */
  static double median(S3Client s3, String prefix, String startAfter) {
    double[] ms = new double[REPEATS];
    for (int run = -2; run < REPEATS; run++) {
      long start = System.nanoTime();
      int n =
          s3.listObjectsV2(
                  l -> l.bucket(BUCKET).prefix(prefix).startAfter(startAfter).maxKeys(1_000))
              .keyCount();
      if (n != 1_000) {
        throw new IllegalStateException(prefix + " after " + startAfter + ": " + n + " keys");
      }
      if (run >= 0) {
        ms[run] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[REPEATS / 2];
  }

  private static void deleteQuietly(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}
