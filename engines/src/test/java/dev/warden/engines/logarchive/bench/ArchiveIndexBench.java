package dev.warden.engines.logarchive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStack;
import dev.warden.devstack.DevStackConfig;
import dev.warden.engines.logarchive.ArchiveCursor;
import dev.warden.engines.logarchive.ArchiveIndex;
import dev.warden.engines.logarchive.ArchiveIndexer;
import dev.warden.engines.logarchive.ArchiveLeases;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.logarchive.PgArchiveIndex;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.S3Fixture;
import dev.warden.engines.testing.SharedArchiveSeeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the shared log archives cost a purge, with and without the archive index, in one run on the
 * real servers: the logs step's archive work plus verification's count ({@link
 * LogArchiveStore#purge} then {@link LogArchiveStore#count}) for an empty tenant with no archives,
 * an empty tenant among N archives holding about 1,000,000 lines of other tenants, and a tenant in
 * 1 % of those archives; the full scan (no index) is the peer. Not a test: it asserts nothing about
 * time (docs/benchmarks.md has the command and the figures).
 */
public final class ArchiveIndexBench {

  static final int REPEATS = 3;

  public static void main(String[] args) throws Exception {
    int archives = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    try (DevStack stack = DevStack.start(DevStackConfig.forTests())) {
      S3Fixture s3 = new S3Fixture(stack.endpoints());
      DbFixture db = new DbFixture(stack.endpoints());
      ObjectMapper json = new ObjectMapper();
      PgArchiveIndex pg = new PgArchiveIndex(db.jdbc(), s3.bucket());
      ArchiveLeases leases = new ArchiveLeases(db.jdbc());
      LogArchiveStore indexed = new LogArchiveStore(s3.s3(), s3.bucket(), json, leases, pg, 1000);
      LogArchiveStore fullScan =
          new LogArchiveStore(s3.s3(), s3.bucket(), json, leases, ArchiveIndex.none(), 1000);
      Env empty = Env.of("benchempty");
      Env big = Env.of("benchbig");
      long seedStart = System.nanoTime();
      seed(s3, big, archives, lines);
      double seedSeconds = seconds(seedStart);
      long scanStart = System.nanoTime();
      ArchiveIndexer.Report scan =
          new ArchiveIndexer(s3.s3(), s3.bucket(), json, pg, 1000).scan(big, () -> {});
      double scanSeconds = seconds(scanStart);

      double[] listing = new double[REPEATS];
      for (int run = 0; run < REPEATS; run++) {
        long start = System.nanoTime();
        for (int twice = 0; twice < 2; twice++) { // the purge lists once, verification once more
          s3.s3()
              .listObjectsV2Paginator(
                  l -> l.bucket(s3.bucket()).prefix(LogArchiveStore.envPrefix(big)))
              .contents()
              .forEach(o -> {});
        }
        listing[run] = seconds(start);
      }
      java.util.Arrays.sort(listing);
      List<Row> rows = new ArrayList<>();
      for (LogArchiveStore store :
          List.of(indexed, fullScan)) { // the index first: the full scan rewrites without recording
        String how = store == indexed ? "index" : "full scan";
        rows.add(measure("empty tenant, 0 archives", how, store, empty, n -> "nobody"));
        rows.add(
            measure("empty tenant, " + archives + " archives", how, store, big, n -> "nobody"));
        String prefix = store == indexed ? "one-pct-i" : "one-pct-f";
        rows.add(measure("tenant in 1 % of archives", how, store, big, n -> prefix + n));
      }
      System.out.println();
      System.out.printf(
          "seeded %,d archives with %,d lines in %.1f s; the index scan read %d archives in %.1f s%n",
          archives, lines, seedSeconds, scan.read(), scanSeconds);
      System.out.printf(
          "floor: listing the %d archives twice (no reads, no index) took %.3f s (median of 3)%n",
          archives, listing[REPEATS / 2]);
      System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
      System.out.println();
      System.out.println(
          "| case | archive path | purge + verify (median of 3) | archives read | vs full scan |");
      System.out.println("|---|---|---:|---:|---:|");
      for (Row r : rows) {
        Row peer =
            rows.stream()
                .filter(p -> p.what.equals(r.what) && p.how.equals("full scan"))
                .findFirst()
                .orElseThrow();
        System.out.printf(
            "| %s | %s | %.3f s | %d | %.3f× |%n",
            r.what, r.how, r.seconds, r.read, r.seconds / peer.seconds);
      }
    }
  }

  record Row(String what, String how, double seconds, long read) {}

  interface Tenants {
    String name(int run);
  }

  static Row measure(String what, String how, LogArchiveStore store, Env env, Tenants tenants) {
    double[] times = new double[REPEATS];
    long read = 0;
    for (int run = 0; run < REPEATS; run++) {
      TenantId tenant = TenantId.of(tenants.name(run));
      long start = System.nanoTime();
      ArchiveCursor done = store.purge(tenant, env, ArchiveCursor.START, c -> {});
      LogArchiveStore.LineCount left = store.count(tenant, env);
      times[run] = seconds(start);
      if (left.lines() != 0) {
        throw new IllegalStateException(tenant + " left " + left.lines() + " lines");
      }
      read = done.archivesRead() + left.archivesRead();
    }
    java.util.Arrays.sort(times);
    System.out.printf("%s / %s: %.3f s, %d archives read%n", what, how, times[REPEATS / 2], read);
    return new Row(what, how, times[REPEATS / 2], read);
  }

  /**
   * {@code archives} archives of {@code lines} lines in all, from 200 tenants; tenant
   * one-pct-{i,f}{run} is in 1 % of the archives (one in a hundred), a few lines each.
   */
  static void seed(S3Fixture s3, Env env, int archives, int lines) throws IOException {
    List<String> onePercent = new ArrayList<>();
    for (int run = 0; run < REPEATS; run++) {
      for (String p : List.of("one-pct-i", "one-pct-f")) {
        onePercent.add(p + run);
      }
    }
    SharedArchiveSeeder.seed(s3, env, archives, lines, onePercent);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
