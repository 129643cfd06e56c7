package dev.warden.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A call of the codec's decode route from this machine: what the local dev server's Web UI sends
 * from the developer's browser ({@code WARDEN_TEMPORAL_CODEC_LOCAL_UI=true}, refused outside env
 * {@code local}). A remote caller, another route or another method never matches.
 */
final class LocalUiDecode {
  static final String DECODE = "/v1/temporal/codec/decode";

  private LocalUiDecode() {}

  static boolean matches(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && DECODE.equals(request.getRequestURI())
        && loopback(request.getRemoteAddr());
  }

  static boolean loopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    try {
      // A literal address (what the servlet container reports): no name lookup happens.
      return InetAddress.getByName(address).isLoopbackAddress()
          && (address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
