package dev.warden.engines.opensearch;

import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.deployment.StartupRefusedException;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Asks the cluster who it is once the app's beans are built: refused credentials (401, 403) or an
 * untrusted certificate stop the start with one line naming the setting, so a wrong password can
 * never pass for an index that "holds nothing". A cluster that does not answer only warns: a purge
 * waits out outages.
 */
public final class OpenSearchAccessCheck implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchAccessCheck.class);

  private final OpenSearchClient client;
  private final WardenProperties.OpenSearch settings;

  public OpenSearchAccessCheck(OpenSearchClient client, WardenProperties.OpenSearch settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      client.info();
    } catch (Exception e) {
      int status = status(e);
      if (status == 401 || status == 403) {
        throw refused(
            "WARDEN_OPENSEARCH_AUTH=%s: OpenSearch at %s refused Warden's credentials (%d)"
                .formatted(settings.auth(), settings.url(), status),
            e);
      }
      if (causedBy(e, javax.net.ssl.SSLHandshakeException.class)) {
        throw refused(
            "WARDEN_OPENSEARCH_CA_FILE: the certificate of OpenSearch at %s is not trusted (%s)"
                .formatted(settings.url(), rootMessage(e)),
            e);
      }
      log.warn(
          "OpenSearch at {} did not answer at start-up ({}); purges wait out outages",
          settings.url(),
          rootMessage(e));
    }
  }

  private static StartupRefusedException refused(String line, Exception cause) {
    return new StartupRefusedException(
        "Warden cannot start: OpenSearch refuses its connection:", List.of(line), cause);
  }

  static int status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OpenSearchException o) {
        return o.status();
      }
      if (t instanceof ResponseException r) {
        return r.status();
      }
    }
    return -1;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
