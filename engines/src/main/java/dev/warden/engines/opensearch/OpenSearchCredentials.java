package dev.warden.engines.opensearch;

import dev.warden.engines.config.WardenProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The basic-auth header of {@code WARDEN_OPENSEARCH_AUTH=basic}: each value or its file. */
final class OpenSearchCredentials {
  private OpenSearchCredentials() {}

  static String basicAuthorization(WardenProperties.OpenSearch s) {
    String user = value(s.username(), s.usernameFile(), "USERNAME");
    String password = value(s.password(), s.passwordFile(), "PASSWORD");
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String value(String value, String file, String name) {
    boolean hasValue = value != null && !value.isEmpty();
    boolean hasFile = file != null && !file.isBlank();
    if (hasValue == hasFile) {
      throw new IllegalStateException(
          "WARDEN_OPENSEARCH_AUTH=basic needs exactly one of WARDEN_OPENSEARCH_%s and WARDEN_OPENSEARCH_%s_FILE"
              .formatted(name, name));
    }
    if (hasValue) {
      return value;
    }
    try {
      return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "WARDEN_OPENSEARCH_%s_FILE: cannot read %s: %s".formatted(name, file, e), e);
    }
  }
}
