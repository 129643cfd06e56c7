package dev.warden.workflows.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TemporalConnectionCheckTest {
  static final String TARGET = "temporal.internal:7233";

  @Test
  void givenAProxyAskingForAClientCertificate_whenClassified_thenTheCertificateVariablesAreNamed() {
    var e =
        Status.INTERNAL
            .withDescription("HTTP status code 400\ninvalid content-type: text/html")
            .asRuntimeException();

    assertThat(TemporalConnectionCheck.classify(e, TARGET))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        "WARDEN_TEMPORAL_CLIENT_CERT / WARDEN_TEMPORAL_CLIENT_KEY: Temporal at"
                            + " temporal.internal:7233 refused the connection"));
  }

  @Test
  void givenAnUntrustedServerCertificate_whenClassified_thenTheTlsVariableIsNamed() {
    var e =
        new StatusRuntimeException(
            Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(
                    new SSLHandshakeException(
                        "PKIX path building failed: unable to find valid certification path")));

    assertThat(TemporalConnectionCheck.classify(e, TARGET))
        .hasValueSatisfying(line -> assertThat(line).startsWith("WARDEN_TEMPORAL_TLS: "));
  }

  @Test
  void givenRefusedCredentials_whenClassified_thenTheApiKeyIsNamed() {
    var e = Status.UNAUTHENTICATED.withDescription("invalid API key").asRuntimeException();

    assertThat(TemporalConnectionCheck.classify(e, TARGET))
        .hasValueSatisfying(line -> assertThat(line).startsWith("WARDEN_TEMPORAL_API_KEY: "));
  }

  @Test
  void givenAFrontendThatDoesNotAnswer_whenClassified_thenNoRefusal() {
    var e =
        new StatusRuntimeException(
            Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new ConnectException("Connection refused")));

    assertThat(TemporalConnectionCheck.classify(e, TARGET)).isEmpty();
  }
}
