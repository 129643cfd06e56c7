package dev.warden.engines.deployment;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hosts of the endpoints Warden is configured with, read without any DNS look-up. */
final class Endpoints {
  private Endpoints() {}

  /** True for {@code localhost} and loopback address literals (127.0.0.0/8, ::1). */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.startsWith("127.")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** The host of a URL ({@code http://host:9200}); null when it has none. */
  static String urlHost(String url) {
    try {
      return URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The host of a gRPC target: {@code host:port}, {@code dns:///host:port}, {@code [::1]:7233}. */
  static String targetHost(String target) {
    String t = target.trim();
    int scheme = t.indexOf(":///");
    if (scheme >= 0) {
      t = t.substring(scheme + 4);
    }
    if (t.startsWith("[")) {
      int end = t.indexOf(']');
      return end > 0 ? t.substring(0, end + 1) : t;
    }
    int colon = t.lastIndexOf(':');
    return colon > 0 ? t.substring(0, colon) : t;
  }

  /** Every host of a PostgreSQL JDBC URL ({@code jdbc:postgresql://a:5432,b:5432/warden}). */
  static List<String> jdbcHosts(String jdbcUrl) {
    List<String> hosts = new ArrayList<>();
    String prefix = "jdbc:postgresql://";
    if (!jdbcUrl.startsWith(prefix)) {
      return hosts;
    }
    String rest = jdbcUrl.substring(prefix.length());
    int end = rest.length();
    for (char c : new char[] {'/', '?'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    for (String hostPort : rest.substring(0, end).split(",")) {
      if (!hostPort.isBlank()) {
        hosts.add(targetHost(hostPort));
      }
    }
    return hosts;
  }
}
