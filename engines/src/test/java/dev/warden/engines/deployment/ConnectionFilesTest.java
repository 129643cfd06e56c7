package dev.warden.engines.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class ConnectionFilesTest {

  @TempDir Path dir;

  @Test
  void givenATemporalCaThatIsMissingOrNoCertificate_whenChecked_thenOneLineNamesTheVariable()
      throws Exception {
    Path missing = dir.resolve("missing-ca.pem");
    assertThat(
            ConnectionFiles.problems(
                new MockEnvironment().withProperty("warden.temporal.ca-file", missing.toString())))
        .singleElement()
        .asString()
        .startsWith("WARDEN_TEMPORAL_CA: ")
        .contains(missing.toString());

    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    assertThat(
            ConnectionFiles.problems(
                new MockEnvironment().withProperty("warden.temporal.ca-file", notPem.toString())))
        .containsExactly("WARDEN_TEMPORAL_CA: " + notPem + " holds no PEM certificate");
  }

  @Test
  void givenATemporalCaWithTlsTurnedOff_whenChecked_thenTheContradictionIsRefused()
      throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    assertThat(
            ConnectionFiles.problems(
                new MockEnvironment()
                    .withProperty("warden.temporal.ca-file", notPem.toString())
                    .withProperty("spring.temporal.connection.enable-https", "false")))
        .contains("WARDEN_TEMPORAL_CA: set while WARDEN_TEMPORAL_TLS=false (a CA is for TLS)");
  }
}
