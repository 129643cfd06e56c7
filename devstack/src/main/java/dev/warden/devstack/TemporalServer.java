package dev.warden.devstack;

import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devstack's Temporal: Temporal's dev server ({@link TemporalDevServer}, real server with Web
 * UI, visibility and Schedules, persisted in SQLite) when the Temporal CLI is found ({@link
 * TemporalCli}); else Temporal's Java test server in this JVM, in memory, without Web UI, list
 * queries or Schedules.
 */
public final class TemporalServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalServer.class);

  private final AutoCloseable server;
  private final int port;
  private final String uiUrl;
  private final String cli;

  private TemporalServer(AutoCloseable server, int port, String uiUrl, String cli) {
    this.server = server;
    this.port = port;
    this.uiUrl = uiUrl;
    this.cli = cli;
  }

  /**
   * Starts the dev server from {@code cli} with its SQLite file in {@code dir}, or the Java test
   * server when {@code cli} is empty. The dev server's Web UI decodes payloads through {@code
   * codecEndpoint} when given (Warden's API, {@code /v1/temporal/codec}).
   */
  public static TemporalServer start(
      int port, int uiPort, Path dir, Optional<Path> cli, Optional<String> codecEndpoint) {
    if (cli.isPresent()) {
      TemporalDevServer dev =
          TemporalDevServer.start(cli.get(), port, uiPort, dir, codecEndpoint.orElse(null));
      return new TemporalServer(dev, port, dev.uiUrl(), cli.get().toString());
    }
    log.warn(
        "No Temporal CLI found: Temporal's Java test server runs instead (in memory; no Web UI, no"
            + " list queries, no Schedules). To get the Web UI, {}.",
        TemporalCli.HOW_TO_GET_IT);
    Ports.requireFree(port, "Temporal test server");
    // Note: the test server binds all interfaces, not only the loopback one.
    return new TemporalServer(TestServer.createPortBoundServer(port), port, null, null);
  }

  /** The gRPC target for WorkflowServiceStubsOptions.setTarget. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /** The Web UI's address, or null on the Java test server (which has none). */
  public String uiUrl() {
    return uiUrl;
  }

  /** One line: which Temporal runs and where it answers. */
  String summary() {
    return cli == null
        ? "Temporal test server (Java, in memory; no Web UI)  " + target()
        : "Temporal dev server  " + target() + "  Web UI " + uiUrl + "  (" + cli + ")";
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
