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
import java.util.ArrayList;
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

  /**
   * Runs the command in the background and stops it when this JVM disappears, so a devstack killed
   * with -9 (or a test JVM killed on timeout) does not leave a 512 MB orphan behind. Arguments: $1
   * = this JVM's pid, then the command.
   */
  private static final String WATCHDOG =
      """
      jvm=$1; shift
      "$@" &
      child=$!
      (while kill -0 "$jvm" 2>/dev/null; do sleep 1; done; kill -TERM "$child" 2>/dev/null) &
      wait "$child"; status=$?
      kill $! 2>/dev/null
      exit $status
      """;

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

    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "opensearch"));
    command.add(Long.toString(ProcessHandle.current().pid()));
    if (root) {
      command.addAll(List.of("runuser", "-u", RUN_AS_USER, "--"));
    }
    command.addAll(
        List.of(
            "/usr/bin/env",
            // Options meant for this JVM (e.g. a test agent) must not reach OpenSearch's.
            "-u",
            "JAVA_TOOL_OPTIONS",
            "-u",
            "JDK_JAVA_OPTIONS",
            "-u",
            "_JAVA_OPTIONS",
            "OPENSEARCH_JAVA_HOME=" + javaHome(),
            "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
            "OPENSEARCH_TMPDIR=" + dir.resolve("tmp"),
            home.resolve("bin/opensearch").toString(),
            "-Ediscovery.type=single-node",
            "-Enetwork.host=127.0.0.1",
            "-Ehttp.port=" + httpPort,
            "-Etransport.port=" + transportPort,
            "-Epath.data=" + dir.resolve("data"),
            "-Epath.logs=" + logs,
            "-Ecluster.name=warden-devstack",
            "-Enode.name=devstack",
            // A nearly full developer disk must not stop shard allocation (cluster stays red).
            "-Ecluster.routing.allocation.disk.threshold_enabled=false",
            "-p",
            pidFile.toString()));
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

  /**
   * The JVM for OpenSearch: this one, unless WARDEN_OPENSEARCH_JAVA_HOME says otherwise. OpenSearch
   * 2.x needs a Security Manager, which Java 24 removed.
   */
  private static String javaHome() {
    String override = System.getenv("WARDEN_OPENSEARCH_JAVA_HOME");
    if (override != null && !override.isBlank()) {
      return override.trim();
    }
    if (Runtime.version().feature() >= 24) {
      throw new IllegalStateException(
          "OpenSearch "
              + OpenSearchDistribution.version()
              + " needs Java 17-23 but this JVM is "
              + Runtime.version()
              + "; set WARDEN_OPENSEARCH_JAVA_HOME to a Java 17 or 21 home");
    }
    return System.getProperty("java.home");
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
