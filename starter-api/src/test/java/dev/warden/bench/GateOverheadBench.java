package dev.warden.bench;

import dev.warden.api.WardenApiApplication;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.quota.QuotaLimits;
import dev.warden.engines.ratelimit.BenchLimiters;
import dev.warden.engines.ratelimit.RateLimitPolicies;
import dev.warden.engines.ratelimit.RateLimitProperties;
import dev.warden.engines.ratelimit.RateLimiter;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DevStackProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gate overhead per request at a steady request rate: the same cheap route without gates ({@code
 * open}) and through the whole gate chain ({@code gated}: kill switch, rate limit, metrics), with
 * three kinds of buckets in one run: {@code local} (Bucket4j in memory, one API instance), {@code
 * redis} (Warden's buckets in Redis, one script call per decision) and {@code redis-cas} (the peer:
 * Bucket4j's compare-and-swap buckets Warden used before, {@code Bucket4jCasBuckets}). Each Redis
 * kind runs two API replicas in this JVM sharing the Redis, requests spread over both, and then an
 * exactness phase: one tenant limited to {@link #EXACT_LIMIT} per hour flooded through both
 * replicas must get exactly that many accepted. Not a test: it prints figures (docs/benchmarks.md
 * has the command). It uses the devstack of {@link DevStackExtension} and the Redis at
 * WARDEN_REDIS_URL (default redis://127.0.0.1:6379), under a key prefix of its own run. Every
 * request carries a real tenant token, so every row includes the JWT validation every route pays.
 */
public final class GateOverheadBench {

  private static final int TENANTS = 200;
  private static final int SENDERS = 8;
  private static final int EXACT_LIMIT = 50;
  private static final int EXACT_PER_SENDER = 40;

  private GateOverheadBench() {}

  /** Arguments: requests per second, measured seconds per row, kinds of buckets in order. */
  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String[] modes = (args.length > 2 ? args[2] : "local,redis,redis-cas").split(",");
    String redisUrl = System.getenv().getOrDefault("WARDEN_REDIS_URL", "redis://127.0.0.1:6379");
    String run = UUID.randomUUID().toString().substring(0, 8);
    DevStackExtension.endpoints();
    List<String> rows = new ArrayList<>();
    List<String> exactness = new ArrayList<>();
    boolean allExact = true;
    for (String mode : modes) {
      boolean shared = !mode.equals("local");
      String prefix = "warden-bench:" + run + ":" + mode + ":";
      List<Replica> replicas = new ArrayList<>();
      try {
        for (int r = 0; r < (shared ? 2 : 1); r++) {
          replicas.add(Replica.start(mode, shared ? redisUrl : "", prefix));
        }
        for (Replica r : replicas) {
          if (r.limiter().shared() != shared) {
            throw new IllegalStateException("limiter not in mode " + mode);
          }
        }
        run(replicas, "open", rate, 5, false); // warm-up, both routes
        run(replicas, "gated", rate, 5, false);
        GateResult open = run(replicas, "open", rate, seconds, false);
        GateResult gated = run(replicas, "gated", rate, seconds, true);
        if (open.failed() > 0 || gated.failed() > 0) {
          throw new IllegalStateException(
              "non-200 answers (open %d, gated %d): the rows would measure refusals"
                  .formatted(open.failed(), gated.failed()));
        }
        rows.add(open.row(mode, "open (no gates)", null));
        String gatedRoute = "gated (kill switch + rate limit)";
        if (replicas.size() > 1) {
          for (int r = 0; r < replicas.size(); r++) {
            String name = "replica " + (char) ('A' + r);
            rows.add(gated.of(r).row(mode, gatedRoute + ", " + name, open.of(r)));
          }
          gatedRoute += ", both";
        }
        rows.add(gated.row(mode, gatedRoute, open));
        if (shared) {
          Exactness e = exactness(mode, replicas, redisUrl, prefix);
          exactness.add(e.row());
          allExact &= e.exact();
        }
        for (Replica r : replicas) {
          if (r.limiter().degraded()) {
            throw new IllegalStateException("Redis degraded during the run of " + mode);
          }
        }
      } finally {
        replicas.forEach(Replica::close);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nrate %d req/s, %d s measured per row, %d tenants, 2 replicas for redis kinds%n"
            + "| buckets | route | requests | non-200 | sent late | client p50 µs | client p99 µs"
            + " | added p50 µs | added p99 µs | chain p50 µs | chain p99 µs |%n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        rate,
        seconds,
        TENANTS);
    rows.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "%nexactness: one tenant limited to %d/1h, %d requests at once over both replicas%n"
            + "| buckets | accepted on A | accepted on B | accepted | refused (429) | other |"
            + " exact |%n|---|---:|---:|---:|---:|---:|---|%n",
        EXACT_LIMIT,
        SENDERS * EXACT_PER_SENDER);
    exactness.forEach(System.out::println);
    System.exit(allExact ? 0 : 1);
  }

  /** One API instance with the bench's routes; with {@code redis-cas}, Bucket4j's buckets. */
  record Replica(ConfigurableApplicationContext context, int port, BenchRoutes routes)
      implements AutoCloseable {

    static Replica start(String mode, String redisUrl, String keyPrefix) {
      Map<String, String> p = new LinkedHashMap<>();
      DevStackProperties.register(
          (name, value) -> p.put(name, String.valueOf(value.get())), "prod");
      p.put("server.port", "0");
      p.put("spring.main.banner-mode", "off");
      p.put("logging.level.root", "WARN");
      p.put("warden.rate-limit.redis-url", redisUrl);
      p.put("warden.rate-limit.key-prefix", keyPrefix); // one value each: a repeat would be joined
      List<Class<?>> sources =
          new ArrayList<>(List.of(WardenApiApplication.class, BenchRoutes.class));
      if (mode.equals("redis-cas")) {
        sources.add(UseBucket4jCas.class);
      }
      ConfigurableApplicationContext api =
          new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
              .run(p.entrySet().stream().map(e -> "--" + e).toArray(String[]::new));
      int port = ((WebServerApplicationContext) api).getWebServer().getPort();
      return new Replica(api, port, api.getBean(BenchRoutes.class));
    }

    RateLimiter limiter() {
      return context.getBean(RateLimiter.class);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /** Swaps the API's limiter for one on Bucket4j's compare-and-swap buckets (the peer row). */
  @Configuration(proxyBeanMethods = false)
  static class UseBucket4jCas {
    @Bean
    static BeanPostProcessor bucket4jCasLimiter(
        ObjectProvider<RateLimitPolicies> policies,
        ObjectProvider<RateLimitProperties> properties) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof RateLimiter limiter && limiter.shared()) {
            limiter.close();
            return BenchLimiters.bucket4jCas(policies.getObject(), properties.getObject());
          }
          return bean;
        }
      };
    }
  }

  private static String[] cachedTokens;

  /** One token per bench tenant from the devstack's authorization server, fetched once. */
  private static synchronized String[] tokens() {
    if (cachedTokens == null) {
      cachedTokens = new String[TENANTS];
      for (int t = 0; t < TENANTS; t++) {
        cachedTokens[t] = TestTokens.bearer(TestTokens.tenant("bench-t" + t));
      }
    }
    return cachedTokens;
  }

  /**
   * Sends {@code rate} requests per second for {@code seconds} from {@link #SENDERS} threads, each
   * on its own fixed schedule (so the client never opens a storm of connections), request {@code n}
   * to replica {@code (n + n / TENANTS) % replicas}: alternating, and each tenant on every replica.
   * A sender that falls behind sends at once; {@code late} counts requests sent more than 1 ms
   * after their slot, so a row says whether the rate was really held.
   */
  private static GateResult run(
      List<Replica> replicas, String route, int rate, int seconds, boolean chain) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    int count = replicas.size();
    URI[][] uris = new URI[count][TENANTS];
    String[] bearer = tokens();
    for (int r = 0; r < count; r++) {
      for (int t = 0; t < TENANTS; t++) {
        uris[r][t] =
            URI.create(
                "http://127.0.0.1:%d/v1/tenants/bench-t%d/search?bench=%s"
                    .formatted(replicas.get(r).port(), t, route));
      }
    }
    int perSender = rate * seconds / SENDERS;
    long interval = 1_000_000_000L * SENDERS / rate;
    long[] latencies = new long[perSender * SENDERS];
    int[] replicaOf = new int[latencies.length];
    boolean[] late = new boolean[latencies.length];
    AtomicInteger failed = new AtomicInteger();
    for (Replica r : replicas) {
      r.routes().recorded.set(0);
      r.routes().recording = chain;
    }
    long start = System.nanoTime() + 10_000_000;
    Thread[] senders = new Thread[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      senders[s] =
          new Thread(
              () -> {
                long offset = sender * interval / SENDERS;
                for (int i = 0; i < perSender; i++) {
                  long due = start + offset + i * interval;
                  long wait;
                  while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  long sent = System.nanoTime();
                  int n = sender * perSender + i;
                  late[n] = sent - due > 1_000_000;
                  int r = (n + n / TENANTS) % count;
                  replicaOf[n] = r;
                  try {
                    HttpResponse<Void> answer =
                        client.send(
                            HttpRequest.newBuilder(uris[r][n % TENANTS])
                                .header("Authorization", bearer[n % TENANTS])
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                      failed.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                  latencies[n] = System.nanoTime() - sent;
                }
              },
              "bench-sender-" + s);
      senders[s].start();
    }
    for (Thread t : senders) {
      t.join();
    }
    long[][] chainNanos = new long[count][];
    for (int r = 0; r < count; r++) {
      BenchRoutes routes = replicas.get(r).routes();
      routes.recording = false;
      int recorded = Math.min(routes.recorded.get(), routes.chainNanos.length);
      chainNanos[r] = chain ? Arrays.copyOf(routes.chainNanos, recorded) : new long[0];
    }
    return new GateResult(latencies, replicaOf, late, chainNanos, failed.get());
  }

  record Exactness(String mode, int[] acceptedBy, int refused, int other) {
    int accepted() {
      return acceptedBy[0] + acceptedBy[1];
    }

    boolean exact() {
      return accepted() == EXACT_LIMIT && other == 0;
    }

    String row() {
      return "| %s | %d | %d | %d | %d | %d | %s |"
          .formatted(
              mode,
              acceptedBy[0],
              acceptedBy[1],
              accepted(),
              refused,
              other,
              exact() ? "yes" : "NO");
    }
  }

  /**
   * A fresh tenant limited to {@link #EXACT_LIMIT}/1h (an override in the shared ledger), flooded
   * at once by {@link #SENDERS} threads alternating between the replicas. The hour's refill during
   * the few seconds of the flood is far below one token, so exactly the limit must be accepted.
   */
  private static Exactness exactness(
      String mode, List<Replica> replicas, String redisUrl, String prefix) throws Exception {
    String tenant = "bench-exact-" + mode;
    replicas
        .get(0)
        .context()
        .getBean(QuotaLedger.class)
        .setLimits(
            TenantId.of(tenant),
            Env.of("prod"),
            new QuotaLimits(null, null, Map.of("search", EXACT_LIMIT + "/1h")),
            "user:bench",
            "gate bench exactness phase");
    String bearer = TestTokens.bearer(TestTokens.tenant(tenant));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicIntegerArray accepted = new AtomicIntegerArray(2);
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] senders = new Thread[SENDERS];
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      senders[s] =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int i = 0; i < EXACT_PER_SENDER; i++) {
                    int r = (sender + i) % 2;
                    int status =
                        client
                            .send(
                                HttpRequest.newBuilder(
                                        URI.create(
                                            "http://127.0.0.1:%d/v1/tenants/%s/search?bench=gated"
                                                .formatted(replicas.get(r).port(), tenant)))
                                    .header("Authorization", bearer)
                                    .build(),
                                HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status == 200) {
                      accepted.incrementAndGet(r);
                    } else if (status == 429) {
                      refused.incrementAndGet();
                    } else {
                      other.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  other.incrementAndGet();
                }
              },
              "bench-exact-" + s);
      senders[s].start();
    }
    go.countDown();
    for (Thread t : senders) {
      t.join();
    }
    checkStoredBy(mode, redisUrl, prefix + "prod:" + tenant + ":search:" + EXACT_LIMIT + "/1h");
    return new Exactness(
        mode, new int[] {accepted.get(0), accepted.get(1)}, refused.get(), other.get());
  }

  /** Proves which implementation wrote the bucket: the script's text, or Bucket4j's bytes. */
  private static void checkStoredBy(String mode, String redisUrl, String key) {
    try (RedisClient redis = RedisClient.create(redisUrl);
        StatefulRedisConnection<String, String> c = redis.connect()) {
      String value = c.sync().get(key);
      boolean script = value != null && value.matches("\\d+:\\d+:\\d+");
      if (value == null || script != mode.equals("redis")) {
        throw new IllegalStateException(
            "bucket %s not written by %s: %s".formatted(key, mode, value));
      }
    }
  }
}
