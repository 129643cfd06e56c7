package dev.warden.engines.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a child process with a configuration, prefix and free port of its own ({@code
 * daemon off}): a TLS-terminating proxy in front of a devstack server. {@code server} is the body
 * of its {@code server} block after {@code listen}; {@code %PORT%} and {@code %DIR%} are filled in.
 */
public final class NginxProxy implements AutoCloseable {
  public static final String NGINX = "/usr/sbin/nginx";

  private final Process process;
  private final int port;
  private final Path dir;

  private NginxProxy(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static NginxProxy start(Path dir, String listenOptions, String server) throws Exception {
    int port = freePort();
    // nginx's workers run as nobody when started as root: they read nothing from here but write
    // temporary files, so the directory is open to them.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    String conf =
        """
        worker_processes 1;
        pid %DIR%/nginx.pid;
        error_log %DIR%/error.log info;
        events { worker_connections 256; }
        http {
          access_log %DIR%/access.log;
          client_body_temp_path %DIR%/client_temp;
          proxy_temp_path %DIR%/proxy_temp;
          fastcgi_temp_path %DIR%/fastcgi_temp;
          uwsgi_temp_path %DIR%/uwsgi_temp;
          scgi_temp_path %DIR%/scgi_temp;
          client_max_body_size 200m;
          server {
            listen 127.0.0.1:%PORT% %LISTEN%;
            %SERVER%
          }
        }
        """
            .replace("%SERVER%", server)
            .replace("%LISTEN%", listenOptions)
            .replace("%PORT%", Integer.toString(port))
            .replace("%DIR%", dir.toString());
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process process =
        new ProcessBuilder(NGINX, "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    NginxProxy proxy = new NginxProxy(process, port, dir);
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while (!listening(port)) {
      if (!process.isAlive() || Instant.now().isAfter(until)) {
        proxy.close();
        throw new IllegalStateException(
            "nginx did not start: " + Files.readString(dir.resolve("stdout.log")) + log(dir));
      }
      Thread.sleep(100);
    }
    return proxy;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static String log(Path dir) throws IOException {
    Path error = dir.resolve("error.log");
    return Files.exists(error) ? Files.readString(error) : "";
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
