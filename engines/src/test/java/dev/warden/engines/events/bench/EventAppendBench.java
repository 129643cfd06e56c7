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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * nothing), "V16" the chained statement of V16 (head row upsert + hash + insert, one per event),
 * "group commit" today's {@link DatasetEventStore#append} (V20: the events appended at the same
 * moment in one statement). Two spreads: events over 100 tenants, and every event on one tenant
 * (all writers on one chain, the worst case). Third argument {@code durable}: sessions with
 * PostgreSQL's default {@code synchronous_commit = on}, which the embedded server turns off. Not a
 * test: it prints figures (docs/benchmarks.md has the command). It starts its own embedded
 * PostgreSQL in a temporary directory.
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
    boolean durable = args.length > 2 && args[2].equals("durable");
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
      if (durable) {
        // PostgreSQL's default, which the tests' embedded server turns off on its command line: a
        // commit returns once its WAL is on disk.
        pool.setConnectionInitSql("set synchronous_commit = on");
      }
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
      for (int tenants : new int[] {100, 1}) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        // Warm-up of each, then the timed rows.
        run(threads, events / 10, tenants, "w1" + run, e -> before(jdbc, json, e), null);
        run(threads, events / 10, tenants, "w2" + run, e -> oneStatement(jdbc, json, e), null);
        run(threads, events / 10, tenants, "w3" + run, store::append, null);
        double b = run(threads, events, tenants, "b" + run, e -> before(jdbc, json, e), "before");
        double o =
            run(
                threads,
                events,
                tenants,
                "o" + run,
                e -> oneStatement(jdbc, json, e),
                "chained, a statement per event (V16)");
        double a = run(threads, events, tenants, "a" + run, store::append, "chained, group commit");
        System.out.printf(
            "| ratio to before | %d | | | V16 %.2f, group commit %.2f |%n", tenants, o / b, a / b);
        ChainVerifier verifier = new ChainVerifier(jdbc, store);
        for (String chain : List.of("o" + run + "-0", "a" + run + "-0")) {
          if (!verifier.verify(chain, null).valid()) {
            throw new IllegalStateException("the chain broke under concurrent writers: " + chain);
          }
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

  // The statement DatasetEventStore.append ran before the chain.
  private static void before(JdbcClient jdbc, ObjectMapper json, DatasetEvent e) {
    try {
      jdbc.sql(
              """
              insert into dataset_events
                (event_id, type, tenant_id, env, actor, trace_id, occurred_at, attributes)
              values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
              on conflict (event_id) do nothing
              """)
          .params(
              e.eventId(),
              e.type().name(),
              e.tenantId(),
              e.env(),
              e.actor(),
              e.traceId(),
              Timestamp.from(e.occurredAt()),
              json.writeValueAsString(e.attributes()))
          .update();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  // The chained append of V16: one statement per event advancing the head row, then the insert.
  private static void oneStatement(JdbcClient jdbc, ObjectMapper json, DatasetEvent e) {
    String canonical = EventChain.canonical(e);
    try {
      jdbc.sql(
              """
              with head as (
                insert into event_chain_heads as h (chain, prev_hash, hash, updated_at)
                select ?, null, encode(sha256(convert_to(cast(? as text), 'UTF8')), 'hex'), now()
                where not exists (select 1 from dataset_events where event_id = ?)
                on conflict (chain) do update
                  set prev_hash = h.hash, updated_at = now(),
                    hash = encode(sha256(convert_to(cast(? as text) || h.hash, 'UTF8')), 'hex')
                returning prev_hash, hash
              )
              insert into dataset_events (event_id, type, tenant_id, env, actor, trace_id,
                occurred_at, attributes, prev_hash, hash)
              select ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), head.prev_hash, head.hash from head
              """)
          .params(
              EventChain.chainOf(e.tenantId()),
              canonical,
              e.eventId(),
              canonical,
              e.eventId(),
              e.type().name(),
              e.tenantId(),
              e.env(),
              e.actor(),
              e.traceId(),
              Timestamp.from(EventChain.stored(e.occurredAt())),
              json.writeValueAsString(e.attributes()))
          .update();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
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
            for (int i = 0; i < per; i++) {
              int n = thread * per + i;
              append.accept(
                  new DatasetEvent(
                      UUID.randomUUID(),
                      DatasetEventType.STEP_COMPLETED,
                      prefix + "-" + (n % tenants),
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
