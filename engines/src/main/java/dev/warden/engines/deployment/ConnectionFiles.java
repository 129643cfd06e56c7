package dev.warden.engines.deployment;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The certificate, key and secret files the connections name, checked before any client is built: a
 * missing or unreadable one is one line naming its variable, in every env (a client would otherwise
 * fail later with a stack trace, or keep retrying).
 */
final class ConnectionFiles {
  private ConnectionFiles() {}

  static List<String> problems(Environment e) {
    List<String> lines = new ArrayList<>();
    String t = OptionalVariables.PREFIX;
    certificate(lines, "WARDEN_TEMPORAL_CLIENT_CERT", e.getProperty(t + "mtls.cert-chain-file"));
    privateKey(lines, "WARDEN_TEMPORAL_CLIENT_KEY", e.getProperty(t + "mtls.key-file"));
    boolean cert = isSet(e.getProperty(t + "mtls.cert-chain-file"));
    boolean key = isSet(e.getProperty(t + "mtls.key-file"));
    if (cert != key) {
      lines.add(
          "WARDEN_TEMPORAL_CLIENT_CERT / WARDEN_TEMPORAL_CLIENT_KEY: a client certificate needs"
              + " both");
    }
    certificate(lines, "WARDEN_TEMPORAL_CA", e.getProperty("warden.temporal.ca-file"));
    if (isSet(e.getProperty("warden.temporal.ca-file"))
        && "false".equalsIgnoreCase(String.valueOf(e.getProperty(t + "enable-https")).trim())) {
      lines.add("WARDEN_TEMPORAL_CA: set while WARDEN_TEMPORAL_TLS=false (a CA is for TLS)");
    }
    certificate(lines, "WARDEN_OPENSEARCH_CA_FILE", e.getProperty("warden.open-search.ca-file"));
    readable(
        lines,
        "WARDEN_OPENSEARCH_USERNAME_FILE",
        e.getProperty("warden.open-search.username-file"));
    readable(
        lines,
        "WARDEN_OPENSEARCH_PASSWORD_FILE",
        e.getProperty("warden.open-search.password-file"));
    return lines;
  }

  private static void certificate(List<String> lines, String variable, String file) {
    if (readable(lines, variable, file)) {
      try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
        if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
          lines.add(variable + ": " + file + " holds no PEM certificate");
        }
      } catch (Exception notACertificate) {
        lines.add(variable + ": " + file + " holds no PEM certificate");
      }
    }
  }

  private static void privateKey(List<String> lines, String variable, String file) {
    if (readable(lines, variable, file)) {
      try {
        String pem = Files.readString(Path.of(file.trim()), StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
          lines.add(
              variable + ": " + file + " holds no PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
      } catch (Exception unreadable) {
        lines.add(variable + ": " + file + " holds no PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
      }
    }
  }

  /** True when the file is set and readable; a line when it is set and not. */
  private static boolean readable(List<String> lines, String variable, String file) {
    if (!isSet(file)) {
      return false;
    }
    Path path = Path.of(file.trim());
    if (!Files.isReadable(path) || Files.isDirectory(path)) {
      lines.add(variable + ": " + file + " is not a readable file");
      return false;
    }
    return true;
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }
}
