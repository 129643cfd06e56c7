package dev.warden.engines.opensearch;

import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/** Trust for an https cluster whose certificate a CA of its own signed (a PEM file). */
final class OpenSearchTls {
  private OpenSearchTls() {}

  static SSLContext sslContext(String caFile) {
    return bundle(caFile).createSslContext();
  }

  static TrustManager[] trustManagers(String caFile) {
    return bundle(caFile).getManagers().getTrustManagers();
  }

  private static SslBundle bundle(String caFile) {
    try {
      SslBundle bundle =
          SslBundle.of(
              new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate("file:" + caFile)));
      KeyStore trust = bundle.getStores().getTrustStore();
      TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init(trust);
      return bundle;
    } catch (Exception e) {
      throw new IllegalStateException(
          "WARDEN_OPENSEARCH_CA_FILE: cannot read a PEM certificate from " + caFile + ": " + e, e);
    }
  }
}
