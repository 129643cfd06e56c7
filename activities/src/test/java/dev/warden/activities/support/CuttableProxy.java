package dev.warden.activities.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a local port in front of a real server. {@link #cut()} closes the listening socket
 * and every open connection, so a client sees what it sees when the server dies (resets, then
 * refused connections); {@link #restore()} listens on the same port again.
 */
public final class CuttableProxy implements AutoCloseable {

  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;
  private final int port;

  public CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listening = listen(0);
    this.port = listening.getLocalPort();
    accept(listening);
  }

  public int port() {
    return port;
  }

  public synchronized void cut() throws IOException {
    listening.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  public synchronized void restore() throws IOException {
    if (listening.isClosed()) {
      listening = listen(port);
      accept(listening);
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return server;
  }

  private void accept(ServerSocket server) {
    daemon(
        "proxy-accept-" + port,
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
              open.add(client);
              open.add(upstream);
              pump(client, upstream);
              pump(upstream, client);
            } catch (IOException closed) {
              return; // cut: the listening socket is gone
            }
          }
        });
  }

  private void pump(Socket from, Socket to) {
    daemon(
        "proxy-pump-" + port,
        () -> {
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException ended) {
            // either side closed or the proxy was cut
          } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
          }
        });
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
