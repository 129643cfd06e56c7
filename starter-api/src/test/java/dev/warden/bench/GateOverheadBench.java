package dev.warden.bench;

import dev.warden.api.WardenApiApplication;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.ratelimit.RateLimiter;
import dev.warden.engines.testing.DevStackProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gate overhead per request at a steady request rate on one API instance: the same cheap route
 * without gates ({@code open}) and through the whole gate chain ({@code gated}: kill switch, rate
 * limit, metrics), once with local buckets and once with buckets in Redis. Not a test: it prints
 * figures (docs/benchmarks.md has the command). It uses the devstack of {@link DevStackExtension}
 * (a private one, or the running one with WARDEN_DEVSTACK_EXTERNAL=true) and the Redis at
 * WARDEN_REDIS_URL (default redis://127.0.0.1:6379), under a key prefix of its own. Every request
 * carries a real tenant token, so both rows include the JWT validation every route pays.
 */
public final class GateOverheadBench {

  private static final int TENANTS = 200;
  private static final int SENDERS = 8;

  private GateOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String redisUrl = System.getenv().getOrDefault("WARDEN_REDIS_URL", "redis://127.0.0.1:6379");
    DevStackExtension.endpoints();
    List<String> rows = new ArrayList<>();
    for (String mode : new String[] {"local", "redis"}) {
      try (ConfigurableApplicationContext api = start(mode.equals("redis") ? redisUrl : "")) {
        int port = ((WebServerApplicationContext) api).getWebServer().getPort();
        RateLimiter limiter = api.getBean(RateLimiter.class);
        if (limiter.shared() != mode.equals("redis")) {
          throw new IllegalStateException("limiter not in mode " + mode);
        }
        run(port, "open", rate, 5, false); // warm-up, both routes
        run(port, "gated", rate, 5, false);
        Result open = run(port, "open", rate, seconds, false);
        Result gated = run(port, "gated", rate, seconds, true);
        if (open.failed() > 0 || gated.failed() > 0) {
          throw new IllegalStateException(
              "non-200 answers (open %d, gated %d): the rows would measure refusals"
                  .formatted(open.failed(), gated.failed()));
        }
        if (limiter.degraded()) {
          throw new IllegalStateException("Redis degraded during the run");
        }
        rows.add(open.row(mode, "open (no gates)", null));
        rows.add(gated.row(mode, "gated (kill switch + rate limit)", open));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nrate %d req/s, %d s measured per row, %d tenants%n"
            + "| buckets | route | requests | non-200 | sent late | client p50 µs | client p99 µs"
            + " | added p50 µs | added p99 µs | chain p50 µs | chain p99 µs |%n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        rate,
        seconds,
        TENANTS);
    rows.forEach(System.out::println);
    System.exit(0);
  }

  private static ConfigurableApplicationContext start(String redisUrl) {
    List<String> a = new ArrayList<>();
    DevStackProperties.register((name, value) -> a.add("--" + name + "=" + value.get()), "prod");
    a.add("--server.port=0");
    a.add("--spring.main.banner-mode=off");
    a.add("--logging.level.root=WARN");
    a.add("--warden.rate-limit.redis-url=" + redisUrl);
    return new SpringApplicationBuilder(WardenApiApplication.class, BenchRoutes.class)
        .run(a.toArray(String[]::new));
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

  /** Client latencies, and the chain's own time as measured in the handler. */
  record Result(long[] client, long[] chain, int failed, int late) {

    String row(String mode, String route, Result baseline) {
      Arrays.sort(client);
      Arrays.sort(chain);
      String added =
          baseline == null
              ? "| – | – "
              : "| %.1f | %.1f "
                  .formatted(
                      us(pct(client, 50) - pct(baseline.client, 50)),
                      us(pct(client, 99) - pct(baseline.client, 99)));
      String chainCols =
          chain.length == 0
              ? "| – | – |"
              : "| %.1f | %.1f |".formatted(us(pct(chain, 50)), us(pct(chain, 99)));
      return String.format(
          Locale.ROOT,
          "| %s | %s | %,d | %d | %.1f%% | %.1f | %.1f %s%s",
          mode,
          route,
          client.length,
          failed,
          100.0 * late / client.length,
          us(pct(client, 50)),
          us(pct(client, 99)),
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

  /**
   * Sends {@code rate} requests per second for {@code seconds} from {@link #SENDERS} threads, each
   * on its own fixed schedule over one keep-alive connection (so the client never opens a storm of
   * connections). A sender that falls behind sends at once; {@code late} counts requests sent more
   * than 1 ms after their slot, so a row says whether the rate was really held.
   */
  private static Result run(int port, String route, int rate, int seconds, boolean chain)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI[] uris = new URI[TENANTS];
    String[] bearer = tokens();
    for (int t = 0; t < TENANTS; t++) {
      uris[t] =
          URI.create(
              "http://127.0.0.1:" + port + "/v1/tenants/bench-t" + t + "/search?bench=" + route);
    }
    int perSender = rate * seconds / SENDERS;
    long interval = 1_000_000_000L * SENDERS / rate;
    long[] latencies = new long[perSender * SENDERS];
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    BenchRoutes.recorded.set(0);
    BenchRoutes.recording = chain;
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
                  if (sent - due > 1_000_000) {
                    late.incrementAndGet();
                  }
                  int n = sender * perSender + i;
                  try {
                    HttpResponse<Void> answer =
                        client.send(
                            HttpRequest.newBuilder(uris[n % TENANTS])
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
    BenchRoutes.recording = false;
    int recorded = Math.min(BenchRoutes.recorded.get(), BenchRoutes.chainNanos.length);
    long[] chainNanos = chain ? Arrays.copyOf(BenchRoutes.chainNanos, recorded) : new long[0];
    return new Result(latencies, chainNanos, failed.get(), late.get());
  }
}
