package dev.warden.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Root-only helpers for running a server as an unprivileged system user. */
final class RunAs {
  private RunAs() {}

  static boolean isRoot() {
    try {
      // /proc/self belongs to the effective uid of this process.
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Creates a system user without home or login shell unless it exists (races are fine). */
  static void ensureSystemUser(String user) {
    if (exitCode("id", "-u", user) == 0) {
      return;
    }
    int code =
        exitCode("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
    if (code != 0 && exitCode("id", "-u", user) != 0) {
      throw new IllegalStateException("useradd " + user + " failed with exit code " + code);
    }
  }

  /** Runs a command and throws with its output if it fails. */
  static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command[0], e);
    }
  }

  private static int exitCode(String... command) {
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
