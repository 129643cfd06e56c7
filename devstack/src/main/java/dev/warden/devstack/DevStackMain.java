package dev.warden.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts the devstack from WARDEN_* environment variables and runs until SIGINT/SIGTERM.
 *
 * <p>If WARDEN_DEVSTACK_READY_FILE is set, {@code export WARDEN_X='value'} lines are written to it
 * once every server is healthy (atomically, so a waiting script never reads half a file), and the
 * file is removed again on stop.
 */
public final class DevStackMain {
  private DevStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    Logging.rootAtInfoUnlessConfigured();
    Path readyFile = readyFile();
    DevStackConfig config;
    try {
      config = DevStackConfig.fromEnv();
      if (readyFile != null) {
        Files.deleteIfExists(readyFile); // a stale file must not signal readiness
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("devstack: " + e.getMessage());
      System.exit(2);
      return;
    }

    // Registered before starting, so Ctrl+C during startup stops what has started so far.
    AtomicReference<DevStack> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  DevStack stack = running.get();
                  if (stack != null) {
                    System.out.println("devstack: stopping...");
                    stack.close();
                    System.out.println("devstack: stopped");
                  }
                  deleteQuietly(readyFile);
                  stopped.countDown();
                },
                "devstack-shutdown"));

    long t0 = System.nanoTime();
    DevStack stack;
    try {
      stack = DevStack.start(config);
    } catch (RuntimeException e) {
      System.err.println("devstack: failed to start");
      e.printStackTrace();
      System.exit(1);
      return;
    }
    running.set(stack);
    printBanner(System.out, stack, (System.nanoTime() - t0) / 1_000_000, readyFile);
    if (readyFile != null) {
      try {
        writeReadyFile(readyFile, stack.endpoints().asEnv());
      } catch (IOException e) {
        System.err.println("devstack: cannot write " + readyFile + ": " + e);
        System.exit(1);
      }
    }
    stopped.await(); // until the shutdown hook has run
  }

  private static Path readyFile() {
    String value = System.getenv("WARDEN_DEVSTACK_READY_FILE");
    return value == null || value.isBlank() ? null : Path.of(value.trim()).toAbsolutePath();
  }

  private static void printBanner(PrintStream out, DevStack stack, long millis, Path readyFile) {
    out.println();
    out.println("==== Warden devstack is up (" + millis + " ms) ====");
    stack.summary().forEach(line -> out.println("  " + line));
    stack
        .startupTimes()
        .forEach(
            (name, took) -> out.println("  started " + name + " in " + took.toMillis() + " ms"));
    out.println("  data directory  " + stack.config().dataDir());
    out.println("---- environment for Warden's apps ----");
    stack.endpoints().asEnv().forEach((name, value) -> out.println(name + "=" + value));
    out.println("----");
    if (readyFile != null) {
      out.println("Ready file: " + readyFile);
    }
    out.println("Press Ctrl+C to stop.");
    out.flush();
  }

  /** Writes a sibling temp file, then renames it over the target in one atomic step. */
  static void writeReadyFile(Path file, Map<String, String> env) throws IOException {
    StringBuilder text = new StringBuilder();
    env.forEach(
        (name, value) ->
            text.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Single-quotes for POSIX shells; an embedded ' becomes '\''. */
  static String quote(String value) {
    return "'" + (value == null ? "" : value.replace("'", "'\\''")) + "'";
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort on shutdown
      }
    }
  }
}
