package dev.warden.activities.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy on a local port in front of a real server. {@link #cut()} closes the listening socket
 * and every open connection, so a client sees what it sees when the server dies (resets, then
 * refused connections); {@link #restore()} listens on the same port again.
 *
 * <p>With a delay it also plays a distant store: each HTTP request (the first bytes a client sends
 * after the previous response began; the AWS SDK neither pipelines nor, for LIST and DeleteObjects,
 * waits for 100-continue) is held for the delay before it is forwarded, and {@link #stats()} counts
 * requests and their latency as the proxy sees it (first request byte to first response byte, delay
 * included).
 */
public final class CuttableProxy implements AutoCloseable {

  private final int targetPort;
  private final long delayNanos;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final LongAdder requests = new LongAdder();
  private final LongAdder latencyNanos = new LongAdder();
  private final Map<String, LongAdder[]> byMethod = new ConcurrentHashMap<>();
  private volatile ServerSocket listening;
  private final int port;

  public CuttableProxy(int targetPort) throws IOException {
    this(targetPort, Duration.ZERO);
  }

  /** A proxy that holds every request for {@code delay} (e.g. 20 ms, like a cloud store). */
  public CuttableProxy(int targetPort, Duration delay) throws IOException {
    this.targetPort = targetPort;
    this.delayNanos = delay.toNanos();
    this.listening = listen(0);
    this.port = listening.getLocalPort();
    accept(listening);
  }

  /** Requests seen and their summed latency since the last {@link #resetStats()}. */
  public record Stats(long requests, long latencyNanos) {
    public double meanLatencyMillis() {
      return requests == 0 ? 0 : latencyNanos / 1e6 / requests;
    }
  }

  public Stats stats() {
    return new Stats(requests.sum(), latencyNanos.sum());
  }

  /** As {@link #stats()} for the requests of one HTTP method (S3: GET lists, POST deletes). */
  public Stats stats(String method) {
    LongAdder[] of = byMethod.get(method);
    return of == null ? new Stats(0, 0) : new Stats(of[0].sum(), of[1].sum());
  }

  public void resetStats() {
    requests.reset();
    latencyNanos.reset();
    byMethod.clear();
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
              Exchange exchange = new Exchange();
              pump(client, upstream, exchange, true);
              pump(upstream, client, exchange, false);
            } catch (IOException closed) {
              return; // cut: the listening socket is gone
            }
          }
        });
  }

  // One connection's turn: a request is awaited until the client writes, then its response.
  private static final class Exchange {
    final AtomicBoolean awaitingRequest = new AtomicBoolean(true);
    volatile long sentAt;
    volatile String method;
  }

  private void pump(Socket from, Socket to, Exchange exchange, boolean requests) {
    daemon(
        "proxy-pump-" + port,
        () -> {
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
              if (requests) {
                request(exchange, buffer, n);
              } else if (!exchange.awaitingRequest.getAndSet(true)) {
                long latency = System.nanoTime() - exchange.sentAt;
                latencyNanos.add(latency);
                byMethod
                    .computeIfAbsent(
                        exchange.method, m -> new LongAdder[] {new LongAdder(), new LongAdder()})[1]
                    .add(latency);
              }
              out.write(buffer, 0, n);
              out.flush();
            }
          } catch (InterruptedException | IOException ended) {
            // either side closed or the proxy was cut
          } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
          }
        });
  }

  private void request(Exchange exchange, byte[] first, int length) throws InterruptedException {
    if (exchange.awaitingRequest.compareAndSet(true, false)) {
      exchange.sentAt = System.nanoTime();
      requests.increment();
      String line = new String(first, 0, Math.min(length, 8), StandardCharsets.US_ASCII);
      exchange.method = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : "?";
      byMethod
          .computeIfAbsent(
              exchange.method, m -> new LongAdder[] {new LongAdder(), new LongAdder()})[0]
          .increment();
      if (delayNanos > 0) {
        Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
      }
    }
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
