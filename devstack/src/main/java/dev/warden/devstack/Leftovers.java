package dev.warden.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops servers left running by a devstack that died without its shutdown hook (kill -9). Only a
 * process named in our own pid file whose command line matches is touched.
 */
final class Leftovers {
  private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /**
   * If {@code pidFile} names a live process whose command line satisfies {@code isOurs}, asks it to
   * stop with {@code signal} (e.g. TERM, INT) and kills it after {@code grace}.
   */
  static void stop(Path pidFile, Predicate<String> isOurs, String signal, Duration grace) {
    Optional<ProcessHandle> leftover = readPid(pidFile).flatMap(ProcessHandle::of);
    if (leftover.isEmpty() || !leftover.get().isAlive()) {
      return;
    }
    ProcessHandle process = leftover.get();
    String commandLine = process.info().commandLine().orElse("");
    if (!isOurs.test(commandLine)) {
      return; // the pid was reused by an unrelated process
    }
    log.warn("Stopping a leftover server from an earlier run: pid {} ({})", process.pid(), pidFile);
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("Leftover pid {} did not stop in {}; killing it", process.pid(), grace);
      process.destroyForcibly();
      process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
