package dev.warden.bench;

import dev.warden.api.WardenApiApplication;
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
import java.util.concurrent.CompletableFuture;
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
 * WARDEN_REDIS_URL (default redis://127.0.0.1:6379), under a key prefix of its own.
 */
public final class GateOverheadBench {

  private static final int TENANTS = 200;

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
            + "| buckets | route | requests | non-200 | client p50 µs | client p99 µs"
            + " | added p50 µs | added p99 µs | chain p50 µs | chain p99 µs |%n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|%n",
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

  /** Client latencies, and the chain's own time as measured in the handler. */
  record Result(long[] client, long[] chain, int failed) {

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
          "| %s | %s | %,d | %d | %.1f | %.1f %s%s",
          mode,
          route,
          client.length,
          failed,
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

  /** Sends {@code rate} requests per second for {@code seconds}, open loop (fixed schedule). */
  private static Result run(int port, String route, int rate, int seconds, boolean chain)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI[] uris = new URI[TENANTS];
    for (int t = 0; t < TENANTS; t++) {
      uris[t] = URI.create("http://127.0.0.1:" + port + "/bench/bench-t" + t + "/" + route);
    }
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicInteger failed = new AtomicInteger();
    CompletableFuture<?>[] pending = new CompletableFuture<?>[total];
    BenchRoutes.recorded.set(0);
    BenchRoutes.recording = chain;
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 200_000));
      }
      int n = i;
      long sent = System.nanoTime();
      pending[i] =
          client
              .sendAsync(
                  HttpRequest.newBuilder(uris[i % TENANTS]).build(),
                  HttpResponse.BodyHandlers.discarding())
              .handle(
                  (answer, error) -> {
                    latencies[n] = System.nanoTime() - sent;
                    if (error != null || answer.statusCode() != 200) {
                      failed.incrementAndGet();
                    }
                    return null;
                  });
    }
    CompletableFuture.allOf(pending).join();
    BenchRoutes.recording = false;
    int recorded = Math.min(BenchRoutes.recorded.get(), BenchRoutes.chainNanos.length);
    long[] chainNanos = chain ? Arrays.copyOf(BenchRoutes.chainNanos, recorded) : new long[0];
    return new Result(latencies, chainNanos, failed.get());
  }
}
