package dev.warden.engines.killswitch.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.devstack.PostgresServer;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.killswitch.CachedKillSwitches;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchProperties;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.killswitch.KillSwitchStore;
import dev.warden.engines.killswitch.ListenerConnectionFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-check latency of {@link CachedKillSwitches} with 10, 100 and 1,000 engaged switches, against
 * a baseline that answers the same check with one SQL query. Not a test: it asserts nothing about
 * time; it prints figures (see docs/benchmarks.md for the command). It starts its own embedded
 * PostgreSQL in a temporary directory, so it touches no other database.
 */
public final class KillSwitchCheckBench {

  private static final int QUERIES = 4_096;

  private KillSwitchCheckBench() {}

  public static void main(String[] args) throws Exception {
    quietLogging();
    int cachedChecks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int sqlChecks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path dir = Files.createTempDirectory("warden-ks-bench-");
    try (PostgresServer postgres = PostgresServer.start(freePort(), dir.resolve("pg"));
        HikariDataSource pool = pool(postgres.jdbcUrl(), 4);
        HikariDataSource baselinePool = pool(postgres.jdbcUrl(), 1)) {
      Flyway.configure().dataSource(pool).load().migrate();
      JdbcClient jdbc = JdbcClient.create(pool);
      KillSwitchStore store = new KillSwitchStore(jdbc);
      KillSwitchService service =
          new KillSwitchService(
              store,
              new DatasetEventStore(jdbc, new ObjectMapper()),
              new TransactionTemplate(new DataSourceTransactionManager(pool)),
              Clock.systemUTC());
      RandomScopes random = new RandomScopes(new Random(7), 500);
      SqlKillSwitchCheck sql =
          new SqlKillSwitchCheck(JdbcClient.create(baselinePool), Clock.systemUTC());
      ListenerConnectionFactory listen =
          ListenerConnectionFactory.driverManager(
              postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
      try (CachedKillSwitches cached =
          new CachedKillSwitches(store, listen, KillSwitchProperties.defaults(), Clock.systemUTC())
              .start()) {
        System.out.printf(
            "Java %s, %d cores; single thread; %d distinct queries; timer: System.nanoTime%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors(), QUERIES);
        System.out.println(
            "| engaged | evaluator | checks | blocked | p50 µs | p99 µs | p99.9 µs | checks/s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        Map<String, KillSwitchSpec> engaged = new HashMap<>();
        List<String> notes = new ArrayList<>();
        for (int size : new int[] {10, 100, 1_000}) {
          engageUntil(service, random, engaged, size);
          awaitSnapshot(cached, size);
          List<KillSwitchQuery> queries = queries(random, List.copyOf(engaged.values()));
          int disagreements = disagreements(cached, sql, queries);
          Stats c = measure(cached, queries, cachedChecks / 5, cachedChecks);
          Stats s = measure(sql, queries, sqlChecks / 10, sqlChecks);
          System.out.println(c.row(size, "cached (snapshot)"));
          System.out.println(s.row(size, "direct SQL per check"));
          System.out.printf(
              "| %d | ratio SQL ÷ cached | | | %.0f× | %.0f× | %.0f× | 1/%.0f |%n",
              size, s.p50 / c.p50, s.p99 / c.p99, s.p999 / c.p999, c.opsPerSec / s.opsPerSec);
          notes.add(
              "%d engaged: the two evaluators disagreed on %d of %d queries"
                  .formatted(size, disagreements, QUERIES));
        }
        notes.forEach(System.out::println);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void engageUntil(
      KillSwitchService service,
      RandomScopes random,
      Map<String, KillSwitchSpec> engaged,
      int size) {
    while (engaged.size() < size) {
      KillSwitchSpec scope = random.scope(200);
      if (engaged.putIfAbsent(scope.key(), scope) == null) {
        service.engage(scope, "bench", "system:bench", null, null);
      }
    }
  }

  /** Random queries, one in four aimed under an engaged switch so blocked checks are measured. */
  private static List<KillSwitchQuery> queries(RandomScopes random, List<KillSwitchSpec> engaged) {
    List<KillSwitchQuery> out = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      out.add(
          i % 4 == 0
              ? random.queryUnder(engaged.get(random.nextInt(engaged.size())))
              : random.query());
    }
    return out;
  }

  private static void awaitSnapshot(CachedKillSwitches cached, int size)
      throws InterruptedException {
    while (cached.engagedCount() != size) {
      Thread.sleep(10);
    }
  }

  /** Both evaluators must name the same switch for every query, or the figures mean nothing. */
  private static int disagreements(
      KillSwitchEvaluator a, KillSwitchEvaluator b, List<KillSwitchQuery> queries) {
    int out = 0;
    for (KillSwitchQuery q : queries) {
      KillSwitchDecision x = a.check(q);
      KillSwitchDecision y = b.check(q);
      if (!Objects.equals(
          x.blockingSwitch().map(s -> s.id()).orElse(null),
          y.blockingSwitch().map(s -> s.id()).orElse(null))) {
        out++;
      }
    }
    return out;
  }

  private static Stats measure(
      KillSwitchEvaluator evaluator, List<KillSwitchQuery> queries, int warmup, int checks) {
    int blocked = 0;
    for (int i = 0; i < warmup; i++) {
      blocked += evaluator.check(queries.get(i & (QUERIES - 1))).blocked() ? 1 : 0;
    }
    long[] nanos = new long[checks];
    blocked = 0;
    long start = System.nanoTime();
    for (int i = 0; i < checks; i++) {
      KillSwitchQuery q = queries.get(i & (QUERIES - 1));
      long t0 = System.nanoTime();
      boolean b = evaluator.check(q).blocked();
      nanos[i] = System.nanoTime() - t0;
      blocked += b ? 1 : 0;
    }
    long total = System.nanoTime() - start;
    return Stats.of(nanos, blocked, total);
  }

  private record Stats(
      int checks, int blocked, double p50, double p99, double p999, double opsPerSec) {
    static Stats of(long[] nanos, int blocked, long totalNanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Stats(
          nanos.length,
          blocked,
          micros(sorted, 0.50),
          micros(sorted, 0.99),
          micros(sorted, 0.999),
          nanos.length / (totalNanos / 1e9));
    }

    private static double micros(long[] sorted, double quantile) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]
          / 1_000.0;
    }

    String row(int size, String name) {
      return "| %d | %s | %,d | %.0f%% | %.2f | %.2f | %.2f | %,.0f |"
          .formatted(size, name, checks, 100.0 * blocked / checks, p50, p99, p999, opsPerSec);
    }
  }

  // Unconfigured logback logs everything at DEBUG, drowning the table.
  private static void quietLogging() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }

  private static HikariDataSource pool(String url, int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(PostgresServer.USER);
    pool.setPassword(PostgresServer.PASSWORD);
    pool.setMaximumPoolSize(size);
    return pool;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
