package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.engines.testing.DevStackProperties;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged API jar run as a process on the test devstack (system property {@code
 * warden.api.jar}, set by failsafe): one JVM cannot hold both apps' application.yml.
 */
public final class ApiProcess implements AutoCloseable {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final String url;

  private ApiProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts the API of deployment env {@code env} and returns once it is healthy. */
  public static ApiProcess start(String env) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return start(env, port);
  }

  /** As {@link #start(String)}, on {@code port}, with more {@code --name=value} arguments. */
  public static ApiProcess start(String env, int port, String... arguments) throws Exception {
    Path jar = Path.of(System.getProperty("warden.api.jar", "missing"));
    assertThat(jar).as("packaged API jar (system property warden.api.jar)").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    DevStackProperties.register((name, value) -> command.add("--" + name + "=" + value.get()), env);
    command.addAll(List.of(arguments));
    File log = Files.createTempFile("warden-api-", ".log").toFile();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    ApiProcess api = new ApiProcess(process, "http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the API process exited; its log: " + log, () -> !process.isAlive())
        .until(api::healthy);
    return api;
  }

  public String url() {
    return url;
  }

  /**
   * GET (no body) or POST (a JSON body) to {@code path} of the API, with a bearer token or none.
   */
  public HttpResponse<String> send(String path, String token, String jsonBody) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (jsonBody != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private boolean healthy() {
    try {
      return send("/actuator/health", null, null).statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
