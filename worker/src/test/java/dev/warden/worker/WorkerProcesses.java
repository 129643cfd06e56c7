package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.workflows.codec.PayloadKeys;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packaged worker apps run as processes (failsafe runs after the package phase), so a test can kill
 * them; {@link #close} kills whatever is left. Their env is {@code local}: outside it, a packaged
 * app refuses the devstack's development keys and password (DevelopmentDefaultsGuard).
 */
public final class WorkerProcesses implements AutoCloseable {
  static final Path JAR = Path.of("target/warden-worker-0.1.0-SNAPSHOT-exec.jar");
  static final String ENV = "local";

  /**
   * The payload key of every worker started here, for tests' own clients (histories are encrypted).
   */
  public static final String PAYLOAD_KEYS =
      System.getenv("WARDEN_PAYLOAD_KEYS") != null
          ? System.getenv("WARDEN_PAYLOAD_KEYS") // ./warden test: one key for the whole run
          : PayloadKeys.newEntry();

  private final List<Process> started = new ArrayList<>();
  private final Map<String, Path> logs = new java.util.HashMap<>();

  /** The output of the worker started under {@code name}. */
  public String log(String name) throws java.io.IOException {
    return Files.readString(logs.get(name));
  }

  /** Starts a worker against {@code endpoints} and returns once its Spring app has started. */
  public Process start(DevStackEndpoints endpoints, String name, Map<String, String> env)
      throws Exception {
    assertThat(JAR).as("packaged worker jar").exists();
    File log = Files.createTempFile("warden-crash-worker-" + name, ".log").toFile();
    logs.put(name, log.toPath());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar",
                JAR.toString(),
                "--server.port=0",
                "--warden.env=" + ENV)
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().putAll(endpoints.asEnv());
    builder.environment().put("WARDEN_ENV", ENV);
    builder.environment().put("WARDEN_PAYLOAD_KEYS", PAYLOAD_KEYS);
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Files.readString(log.toPath()).contains("Started WardenWorkerApplication"));
    return process;
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }
}
