package dev.warden.engines.purge.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.devstack.PostgresServer;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.TenantLocks;
import dev.warden.engines.quota.QuotaDefaults;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the tenant-lock gate adds to a write: one {@link TenantLocks#find} per request, timed
 * against its peer in the same run, the quota gate's {@link QuotaLedger#consumeIndexOp} that every
 * indexing request already pays. 1,000 tenants, one in ten locked by a purge. Not a test: it prints
 * figures (docs/benchmarks.md has the command). It starts its own embedded PostgreSQL in a
 * temporary directory, so it touches no other database.
 */
public final class TenantLockCheckBench {

  private static final int TENANTS = 1_000;

  private TenantLockCheckBench() {}

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
    int checks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path dir = Files.createTempDirectory("warden-lock-bench-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (PostgresServer postgres = PostgresServer.start(port, dir.resolve("pg"));
        HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(postgres.jdbcUrl());
      pool.setUsername(PostgresServer.USER);
      pool.setPassword(PostgresServer.PASSWORD);
      pool.setMaximumPoolSize(2); // Flyway holds two
      Flyway.configure().dataSource(pool).load().migrate();
      JdbcClient jdbc = JdbcClient.create(pool);
      Env env = Env.of("prod");
      TenantId[] tenants = new TenantId[TENANTS];
      PurgeRecordStore purges = new PurgeRecordStore(jdbc);
      for (int i = 0; i < TENANTS; i++) {
        tenants[i] = TenantId.of("bench-" + i);
        if (i % 10 == 0) {
          purges.admit(
              PurgeRecord.requested(tenants[i], env, "system:bench", "bench", null, null),
              r -> "wf");
        }
      }
      TenantLocks locks = new TenantLocks(jdbc);
      QuotaLedger ledger =
          new QuotaLedger(
              jdbc,
              new TransactionTemplate(new DataSourceTransactionManager(pool)),
              new ObjectMapper(),
              new QuotaDefaults(10L << 30, Long.MAX_VALUE / 2),
              Clock.systemUTC());
      System.out.printf(
          "Java %s, %d cores; single thread; %d tenants, 10%% locked%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), TENANTS);
      System.out.println("| check | calls | p50 µs | p99 µs | p99.9 µs | calls/s |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      double[] lock =
          time("tenant lock: TenantLocks.find", checks, i -> locks.find(tenants[i % TENANTS], env));
      double[] quota =
          time(
              "peer: QuotaLedger.consumeIndexOp",
              checks,
              i -> ledger.consumeIndexOp(tenants[i % TENANTS], env));
      System.out.printf(
          "| ratio lock ÷ peer | | %.2f | %.2f | %.2f | |%n",
          lock[0] / quota[0], lock[1] / quota[1], lock[2] / quota[2]);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Warms up with a tenth of the calls, then times each call; prints a row, returns p50/p99/p99.9.
   */
  private static double[] time(String name, int calls, IntConsumer call) {
    for (int i = 0; i < calls / 10; i++) {
      call.accept(i);
    }
    long[] nanos = new long[calls];
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - t;
    }
    long total = System.nanoTime() - start;
    Arrays.sort(nanos);
    double[] q = {micros(nanos, 0.5), micros(nanos, 0.99), micros(nanos, 0.999)};
    System.out.printf(
        "| %s | %,d | %.1f | %.1f | %.1f | %,.0f |%n",
        name, calls, q[0], q[1], q[2], calls / (total / 1e9));
    return q;
  }

  private static double micros(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1_000.0;
  }
}
