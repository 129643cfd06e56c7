package dev.warden.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs OpenSearch for the devstack: under a watchdog tied to this JVM, as an
 * unprivileged user when this JVM is root, with a clean Java environment and single-node settings.
 */
final class OpenSearchCommand {

  private OpenSearchCommand() {}

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

  static List<String> of(
      Path home, Path dir, int httpPort, int transportPort, Path pidFile, boolean root) {
    Path logs = dir.resolve("logs");
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "opensearch"));
    command.add(Long.toString(ProcessHandle.current().pid()));
    if (root) {
      command.addAll(List.of("runuser", "-u", OpenSearchServer.RUN_AS_USER, "--"));
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
    return command;
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
}
