package dev.warden.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Port helpers: pick free ones for tests, and fail early with a clear message on busy ones. */
final class Ports {
  private Ports() {}

  /**
   * {@code count} distinct ports that were free a moment ago. All sockets stay open until every
   * port is picked, so the kernel cannot hand out the same port twice.
   */
  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // nothing useful to do
        }
      }
    }
  }

  /** Throws if something already listens on 127.0.0.1:{port}. */
  static void requireFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " cannot start: port "
              + port
              + " is already in use (is another devstack or './warden up' running?)",
          e);
    }
  }
}
