package dev.warden.workflows.admin;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to Temporal trusting a CA of the deployment's own ({@code WARDEN_TEMPORAL_CA}, a PEM file of
 * one or more certificates) instead of the JVM's trust store, with the client certificate and key
 * of mTLS when they are set. The temporal-spring-boot-starter has no setting for a CA (its {@code
 * mtls} properties build a context on the JVM's trust store), so both apps apply this as a {@code
 * TemporalOptionsCustomizer} of the service stubs, which the starter runs after its own connection
 * settings: target, API key and server name stay the starter's.
 */
public final class TemporalTrust {
  private final Path ca;
  private final Path certChain;
  private final Path key;

  private TemporalTrust(Path ca, Path certChain, Path key) {
    this.ca = ca;
    this.certChain = certChain;
    this.key = key;
  }

  /**
   * From the settings' file paths ({@code null} or blank when unset): nothing happens without a CA.
   */
  public static TemporalTrust of(String caFile, String certChainFile, String keyFile) {
    return new TemporalTrust(path(caFile), path(certChainFile), path(keyFile));
  }

  /** The builder with an SSL context on the CA (and the client certificate), or as it was. */
  public WorkflowServiceStubsOptions.Builder apply(WorkflowServiceStubsOptions.Builder builder) {
    if (ca == null) {
      return builder;
    }
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore(ca));
      if (certChain == null || key == null) {
        return builder.setSslContext(
            SimpleSslContextBuilder.noKeyOrCertChain()
                .setTrustManager(trust.getTrustManagers()[0])
                .build());
      }
      try (InputStream chain = Files.newInputStream(certChain);
          InputStream privateKey = Files.newInputStream(key)) {
        return builder.setSslContext(
            SimpleSslContextBuilder.forPKCS8(chain, privateKey)
                .setTrustManager(trust.getTrustManagers()[0])
                .build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("WARDEN_TEMPORAL_CA: cannot build TLS from " + ca, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("WARDEN_TEMPORAL_CA: cannot trust " + ca + ": " + e, e);
    }
  }

  static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new GeneralSecurityException(pem + " holds no PEM certificate");
      }
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("warden-temporal-ca-" + i++, certificate);
      }
    }
    return store;
  }

  private static Path path(String file) {
    return file == null || file.isBlank() ? null : Path.of(file.trim());
  }
}
