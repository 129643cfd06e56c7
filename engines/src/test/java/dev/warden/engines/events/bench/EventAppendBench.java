package dev.warden.engines.events.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.devstack.PostgresServer;
import dev.warden.engines.events.ChainVerifier;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.events.EventChain;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events appended per second before and after the hash chain, by {@code threads} concurrent
 * writers: "before" is the statement the store ran until the chain (a plain insert, on conflict do
 * nothing), "after" is {@link DatasetEventStore#append} (head row lock + hash + insert). Two
 * spreads: events over 100 tenants, and every event on one tenant (all writers on one chain, the
 * worst case); in the first, each event's tenant is drawn at random. Third argument: rounds
 * (default 3); each round runs both once, starting with the other, and the medians are compared, as
 * well as the median of each round's own ratio. Fourth argument {@code variants}: other ways too
 * (see {@link #variants}). Not a test: it prints figures (docs/benchmarks.md has the command). It
 * starts its own embedded PostgreSQL in a temporary directory.
 */
public final class EventAppendBench {

  private EventAppendBench() {}

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = Files.createTempDirectory("warden-event-bench-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (PostgresServer postgres = PostgresServer.start(port, dir.resolve("pg"));
        HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl(postgres.jdbcUrl());
      pool.setUsername(PostgresServer.USER);
      pool.setPassword(PostgresServer.PASSWORD);
      pool.setMaximumPoolSize(threads + 2);
      Flyway.configure().dataSource(pool).load().migrate();
      JdbcClient jdbc = JdbcClient.create(pool);
      ObjectMapper json = new ObjectMapper();
      DatasetEventStore store = new DatasetEventStore(jdbc, json);
      System.out.printf(
          "Java %s, %d cores; %d writers; %d events per row%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), threads, events);
      System.out.println("| append | tenants | events | seconds | events/s |");
      System.out.println("|---|---:|---:|---:|---:|");
      System.out.printf(
          "synchronous_commit = %s%n",
          jdbc.sql("show synchronous_commit").query(String.class).single());
      Map<String, Consumer<DatasetEvent>> ways = new LinkedHashMap<>();
      ways.put("before", e -> before(jdbc, json, e));
      ways.put("after (chained)", store::append);
      if (args.length > 3 && args[3].equals("variants")) {
        variants(jdbc, json, ways);
      }
      List<String> names = new ArrayList<>(ways.keySet());
      for (int tenants : new int[] {100, 1}) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int w = 0; w < names.size(); w++) {
          // Warm-up of each.
          run(threads, events / 10, tenants, "w" + w + run, ways.get(names.get(w)), null);
          rates.put(names.get(w), new ArrayList<>());
          ratios.put(names.get(w), new ArrayList<>());
        }
        // Each round starts with another way, so no way always runs first (or last).
        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < names.size(); k++) {
            int w = (round + k) % names.size();
            String name = names.get(w);
            rates.get(name).add(run(threads, events, tenants, "r" + w + run, ways.get(name), name));
          }
          // Paired in the round: rates climb from round to round (PostgreSQL and the JIT warming),
          // so each way is also compared with "before" as measured beside it.
          for (String name : names) {
            List<Double> r = rates.get(name);
            ratios.get(name).add(r.get(round) / rates.get(names.get(0)).get(round));
          }
        }
        double before = median(rates.get(names.get(0)));
        for (String name : names) {
          double m = median(rates.get(name));
          System.out.printf(
              "| median of %d: %s | %d | | | %,.0f (%.2f× before; paired per round %.2f×, %s) |%n",
              rounds,
              name,
              tenants,
              m,
              m / before,
              median(ratios.get(name)),
              ratios.get(name).stream()
                  .map("%.2f"::formatted)
                  .collect(java.util.stream.Collectors.joining(" ")));
        }
        ChainVerifier verifier = new ChainVerifier(jdbc, store);
        if (!verifier.verify("r1" + run + "-0", null).valid()
            || !verifier.verify("r1" + run + "-" + (tenants - 1), null).valid()) {
          throw new IllegalStateException("the chain broke under concurrent writers");
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Other ways measured beside the two (fourth argument {@code variants}), to see where the chain's
   * cost lies: the hash columns without a chain (the canonical form and SHA-256, no head), and a
   * chain whose head is the tenant's latest event, read under a transaction-level advisory lock (no
   * head row to update). Neither is what the store runs.
   */
  private static void variants(
      JdbcClient jdbc, ObjectMapper json, Map<String, Consumer<DatasetEvent>> ways) {
    ways.put(
        "hash columns only (no head)",
        e ->
            jdbc.sql(
                    """
                    insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id,
                      occurred_at, attributes, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), null,
                      encode(sha256(convert_to(cast(? as text), 'UTF8')), 'hex'))
                    on conflict (event_id) do nothing
                    """)
                .params(withCanonical(row(json, e), e))
                .update());
    jdbc.sql(
            """
            create function bench_append_locked(p_id uuid, p_type text, p_tenant text,
              p_env text, p_actor text, p_trace text, p_at timestamptz, p_attributes text,
              p_canonical text) returns void language plpgsql as $$
            declare prev text;
            begin
              perform pg_advisory_xact_lock(hashtextextended(coalesce(p_tenant, ''), 0));
              -- A statement of its own: its snapshot sees what the lock's last holder committed.
              select d.hash into prev from dataset_events d
                where d.tenant_id = p_tenant order by d.seq desc limit 1;
              insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id,
                occurred_at, attributes, prev_hash, hash)
              values (p_id, p_type, p_tenant, p_env, p_actor, p_trace, p_at,
                cast(p_attributes as jsonb), prev,
                encode(sha256(convert_to(p_canonical || coalesce(prev, ''), 'UTF8')), 'hex'))
              on conflict (event_id) do nothing;
            end $$
            """)
        .update();
    ways.put(
        "advisory lock + latest event (no head row)",
        e ->
            jdbc.sql("select bench_append_locked(?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(withCanonical(row(json, e), e))
                .query((rs, n) -> n)
                .list());
  }

  // An event's columns as the store writes them: id, type, tenant, env, actor, trace, time,
  // attributes.
  private static Object[] row(ObjectMapper json, DatasetEvent e) {
    try {
      return new Object[] {
        e.eventId(),
        e.type().name(),
        e.tenantId(),
        e.env(),
        e.actor(),
        e.traceId(),
        Timestamp.from(EventChain.stored(e.occurredAt())),
        json.writeValueAsString(e.attributes())
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  private static Object[] withCanonical(Object[] row, DatasetEvent e) {
    Object[] params = Arrays.copyOf(row, row.length + 1);
    params[row.length] = EventChain.canonical(e);
    return params;
  }

  // The statement DatasetEventStore.append ran before the chain.
  private static void before(JdbcClient jdbc, ObjectMapper json, DatasetEvent e) {
    jdbc.sql(
            """
            insert into dataset_events
              (event_id, type, tenant_id, env, actor, trace_id, occurred_at, attributes)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
            on conflict (event_id) do nothing
            """)
        .params(row(json, e))
        .update();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double run(
      int threads,
      int events,
      int tenants,
      String prefix,
      Consumer<DatasetEvent> append,
      String row)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Void>> work = new ArrayList<>();
    int per = events / threads;
    for (int t = 0; t < threads; t++) {
      int thread = t;
      work.add(
          () -> {
            // Each event's tenant drawn at random: writers that took tenants in step (event n to
            // tenant n % tenants) would all queue on one chain at a time.
            Random random = new Random(thread);
            for (int i = 0; i < per; i++) {
              int n = thread * per + i;
              append.accept(
                  new DatasetEvent(
                      UUID.randomUUID(),
                      DatasetEventType.STEP_COMPLETED,
                      prefix + "-" + (tenants == 1 ? 0 : random.nextInt(tenants)),
                      "prod",
                      "system:bench",
                      "trace-" + n,
                      Instant.now(),
                      Map.of("purgeId", "p-" + n, "step", "STORAGE", "items", "1000")));
            }
            return null;
          });
    }
    long start = System.nanoTime();
    for (Future<Void> f : pool.invokeAll(work)) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double rate = per * threads / seconds;
    if (row != null) {
      System.out.printf(
          "| %s | %d | %,d | %.1f | %,.0f |%n", row, tenants, per * threads, seconds, rate);
    }
    return rate;
  }
}
