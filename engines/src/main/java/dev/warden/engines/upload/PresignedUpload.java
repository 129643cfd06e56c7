package dev.warden.engines.upload;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A URL a client PUTs one object to, without credentials of its own, until {@code expiresAt}. The
 * {@code headers} are signed: the client must send exactly these (say {@code Content-Type} and
 * {@code Content-Length}), which is how the announced size is held to.
 */
public record PresignedUpload(
    String key, URI url, String method, Instant expiresAt, Map<String, String> headers) {

  public PresignedUpload {
    headers = Map.copyOf(headers);
  }
}
