package dev.warden.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Temporal CLI, whose {@code server start-dev} is the real Temporal server: the path in
 * WARDEN_TEMPORAL_CLI ({@code none} forces the Java test server), else {@code temporal} on the
 * PATH, else the copy {@code ./warden} builds with {@code go install} into {@code
 * ${XDG_CACHE_HOME:-$HOME/.cache}/warden/bin}.
 */
final class TemporalCli {
  /** The CLI release {@code ./warden} builds (Temporal server 1.29.1, Web UI 2.42). */
  static final String VERSION = "v1.5.1";

  static final String HOW_TO_GET_IT =
      "install Go and run ./warden up again (it builds the Temporal CLI "
          + VERSION
          + " with go install), or put Temporal's `temporal` CLI on the PATH";

  private TemporalCli() {}

  static Optional<Path> locate(Map<String, String> env) {
    String explicit = env.get("WARDEN_TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      if (explicit.trim().equals("none")) {
        return Optional.empty();
      }
      Path path = Path.of(explicit.trim());
      if (!Files.isExecutable(path)) {
        throw new IllegalArgumentException(
            "WARDEN_TEMPORAL_CLI=" + explicit + " is not an executable file");
      }
      return Optional.of(path);
    }
    String searchPath = env.getOrDefault("PATH", "");
    for (String dir : searchPath.split(":")) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "temporal"))) {
        return Optional.of(Path.of(dir, "temporal"));
      }
    }
    Path cached = cacheDir(env).resolve("bin").resolve("temporal");
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }

  /** {@code ${XDG_CACHE_HOME:-$HOME/.cache}/warden}, outside every data directory. */
  static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg.trim(), "warden");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "warden");
  }
}
