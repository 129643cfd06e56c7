package dev.warden.devstack;

import dev.warden.workflows.contract.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's dev server ({@code temporal server start-dev}): the real Temporal server (frontend,
 * history, matching, visibility) on one SQLite file, with the Web UI built in. Workflows, histories
 * and Schedules live in {@code dir/temporal.db}, so they survive a stop and a start on the same
 * data directory. Every Warden search attribute is registered at start. If the process dies while
 * the stack runs, it is started again on the same file (back-off 1 s doubling to 30 s).
 */
final class TemporalDevServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);
  static final String NAMESPACE = "default";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Path cli;
  private final List<String> command;
  private final int port;
  private final int uiPort;
  private final Path dir;
  private final Path logFile;
  private final AtomicInteger restarts = new AtomicInteger();
  private volatile Process process;
  private volatile boolean closed;

  private TemporalDevServer(Path cli, List<String> command, int port, int uiPort, Path dir) {
    this.cli = cli;
    this.command = command;
    this.port = port;
    this.uiPort = uiPort;
    this.dir = dir;
    this.logFile = dir.resolve("temporal.log");
  }

  /** Starts the dev server and waits until its namespace and its Web UI answer. */
  static TemporalDevServer start(Path cli, int port, int uiPort, Path dir, String codecEndpoint) {
    Path db = dir.resolve("temporal.db");
    Leftovers.stop(
        dir.resolve("temporal.pid"),
        cmd -> cmd.contains("start-dev") && cmd.contains(db.toString()),
        "TERM",
        STOP_TIMEOUT);
    Ports.requireFree(port, "Temporal dev server");
    Ports.requireFree(uiPort, "Temporal Web UI");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    TemporalDevServer server =
        new TemporalDevServer(
            cli, command(cli, port, uiPort, db, codecEndpoint), port, uiPort, dir);
    try {
      server.launch();
      server.awaitReady();
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** With {@code codecEndpoint}, the Web UI sends payloads there to show them decoded. */
  static List<String> command(Path cli, int port, int uiPort, Path db, String codecEndpoint) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            cli.toString(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-ip",
            "127.0.0.1",
            "--ui-port",
            Integer.toString(uiPort),
            "--db-filename",
            db.toString(),
            "--namespace",
            NAMESPACE,
            "--log-level",
            "warn"));
    if (codecEndpoint != null && !codecEndpoint.isBlank()) {
      command.add("--ui-codec-endpoint");
      command.add(codecEndpoint);
    }
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      command.add("--search-attribute");
      command.add(key.getName() + "=" + cliType(key.getValueType()));
    }
    return command;
  }

  /** The CLI's name of a search attribute type ({@code --search-attribute KEY=TYPE}). */
  static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no CLI type for " + type);
    };
  }

  private void launch() {
    try {
      Process started =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      Files.writeString(dir.resolve("temporal.pid"), started.pid() + "\n");
      process = started;
      started.onExit().thenRun(() -> restartIfUnexpected(started));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cli, e);
    }
  }

  // A dev server killed under a running stack (crash, OOM, kill -9) comes back on the same file.
  private void restartIfUnexpected(Process exited) {
    if (closed || exited != process) {
      return;
    }
    long delay = 1_000;
    while (!closed) {
      log.warn(
          "Temporal dev server (pid {}) exited with status {}; starting it again on {} in {} ms",
          exited.pid(),
          exited.exitValue(),
          dir.resolve("temporal.db"),
          delay);
      sleep(delay);
      if (closed) {
        return;
      }
      try {
        Ports.requireFree(port, "Temporal dev server");
        launch();
        awaitReady();
        log.info("Temporal dev server is back (restart {})", restarts.incrementAndGet());
        return;
      } catch (RuntimeException e) {
        log.warn("Temporal dev server restart failed: {}", e.getMessage());
        Process failed = process;
        if (failed != null && failed.isAlive()) {
          return; // still starting: its own exit, if any, triggers the next attempt
        }
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  /** How often the server was started again after it died. */
  int restarts() {
    return restarts.get();
  }

  long pid() {
    return process.pid();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target())
                .setRpcTimeout(Duration.ofSeconds(2))
                .build());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      boolean grpcReady = false;
      while (true) {
        Process current = process;
        if (!current.isAlive()) {
          throw failure("Temporal dev server exited with status " + current.exitValue());
        }
        try {
          if (!grpcReady) {
            stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            stubs
                .blockingStub()
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
            grpcReady = true;
          }
          HttpResponse<Void> ui =
              http.send(
                  HttpRequest.newBuilder(URI.create(uiUrl()))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (ui.statusCode() == 200) {
            return;
          }
          last = "Web UI answered HTTP " + ui.statusCode();
        } catch (IOException | RuntimeException e) {
          last = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Temporal", e);
        }
        if (System.nanoTime() > deadline) {
          throw failure("Temporal dev server not ready after " + READY_TIMEOUT + ": " + last);
        }
        sleep(250);
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  private IllegalStateException failure(String message) {
    return new IllegalStateException(
        message + "\n--- last lines of " + logFile + " ---\n" + Tail.of(logFile, 40));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  @Override
  public void close() {
    closed = true;
    Process current = process;
    if (current == null) {
      return;
    }
    current.destroy(); // SIGTERM: the dev server shuts down cleanly and closes its SQLite file
    try {
      if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Temporal dev server did not stop within {}; killing it", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    current.destroyForcibly();
    current.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    try {
      Files.deleteIfExists(dir.resolve("temporal.pid"));
    } catch (IOException ignored) {
      // best effort
    }
  }
}
