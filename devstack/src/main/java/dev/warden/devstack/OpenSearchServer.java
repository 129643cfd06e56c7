package dev.warden.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSearch (the Maven Central integ-test distribution) as a child process on 127.0.0.1.
 *
 * <p>Layout under {@code dir}: {@code dist/} (working copy of the distribution), {@code data/},
 * {@code logs/} ({@code console.log} is the process output), {@code tmp/}, {@code opensearch.pid}.
 * OpenSearch refuses to run as root, so a root JVM runs it as the system user {@value #RUN_AS_USER}
 * (created if missing) that owns {@code dir}.
 */
public final class OpenSearchServer implements AutoCloseable {
  static final String RUN_AS_USER = "warden-search";
  private static final Logger log = LoggerFactory.getLogger(OpenSearchServer.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String MAIN_CLASS = "org.opensearch.bootstrap.OpenSearch";
  private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

  private final Process process;
  private final int httpPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpenSearchServer(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts OpenSearch and waits until the cluster is yellow or green. */
  public static OpenSearchServer start(int httpPort, int transportPort, Path dir) {
    Path zip = OpenSearchDistribution.locateZip();
    Path pidFile = dir.resolve("opensearch.pid");
    Leftovers.stop(
        pidFile,
        cmd -> cmd.contains(MAIN_CLASS) && cmd.contains(dir.toString()),
        "TERM",
        STOP_TIMEOUT);
    Ports.requireFree(httpPort, "OpenSearch");
    Ports.requireFree(transportPort, "OpenSearch (transport)");
    Path home = OpenSearchDistribution.unpack(zip, dir.resolve("dist"));
    Path logs = dir.resolve("logs");
    Path consoleLog = logs.resolve("console.log");
    boolean root = RunAs.isRoot();
    try {
      for (String sub : List.of("data", "logs", "tmp")) {
        Files.createDirectories(dir.resolve(sub));
      }
      Files.deleteIfExists(consoleLog);
      if (root) {
        RunAs.ensureSystemUser(RUN_AS_USER);
        RunAs.run("chown", "-R", RUN_AS_USER + ":", dir.toString());
        requireReachableByOthers(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }

    List<String> command = OpenSearchCommand.of(home, dir, httpPort, transportPort, pidFile, root);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(home.toFile()) // bin/opensearch and jvm.options use relative paths
              .redirectErrorStream(true)
              .redirectOutput(consoleLog.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start OpenSearch", e);
    }
    OpenSearchServer server = new OpenSearchServer(process, httpPort);
    try {
      server.awaitHealthy(consoleLog);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  private void awaitHealthy(Path consoleLog) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(
                URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
            .timeout(Duration.ofSeconds(10))
            .build();
    long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
    String lastAnswer = "no answer";
    while (true) {
      if (!process.isAlive()) {
        throw failure("OpenSearch exited with code " + process.exitValue(), consoleLog);
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && HEALTHY.matcher(response.body()).find()) {
          return;
        }
        lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
      } catch (IOException e) {
        lastAnswer = e.toString(); // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
      }
      if (System.nanoTime() > deadline) {
        throw failure(
            "OpenSearch not healthy after " + HEALTH_TIMEOUT + "; last answer: " + lastAnswer,
            consoleLog);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
      }
    }
  }

  private static IllegalStateException failure(String message, Path consoleLog) {
    return new IllegalStateException(
        message + "\n--- last lines of " + consoleLog + " ---\n" + Tail.of(consoleLog, 40));
  }

  /** The run-as user must be able to walk down to {@code dir}; fail clearly if it cannot. */
  private static void requireReachableByOthers(Path dir) throws IOException {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException(
            "OpenSearch runs as user "
                + RUN_AS_USER
                + ", which cannot enter "
                + p
                + " (no o+x permission). Choose a data directory outside it (WARDEN_DATA_DIR),"
                + " or for tests a java.io.tmpdir outside it.");
      }
    }
  }

  /**
   * Stops OpenSearch gracefully. SIGTERM goes to the OpenSearch JVM itself: signalled instead,
   * runuser would forward it but SIGKILL its child after 2 s.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<ProcessHandle> tree = process.descendants().toList();
    List<ProcessHandle> servers =
        tree.stream().filter(p -> p.info().commandLine().orElse("").contains(MAIN_CLASS)).toList();
    (servers.isEmpty() ? tree : servers).forEach(ProcessHandle::destroy);
    if (servers.isEmpty()) {
      process.destroy();
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("OpenSearch did not stop within {}; killing it", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.forEach(ProcessHandle::destroyForcibly); // no-ops for processes already gone
    process.destroyForcibly();
    process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
  }
}
