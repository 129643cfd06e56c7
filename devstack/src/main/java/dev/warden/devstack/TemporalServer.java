package dev.warden.devstack;

import io.temporal.testserver.TestServer;

/**
 * Temporal's Java test server in this JVM, reachable over real gRPC. State is in memory: it is lost
 * when the server stops. Time runs normally (time skipping is locked).
 */
public final class TemporalServer implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private TemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static TemporalServer start(int port) {
    Ports.requireFree(port, "Temporal test server");
    // Note: the test server binds all interfaces, not only the loopback one.
    return new TemporalServer(TestServer.createPortBoundServer(port), port);
  }

  /** The gRPC target for WorkflowServiceStubsOptions.setTarget. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
