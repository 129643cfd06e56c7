package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** With external OpenSearch/PostgreSQL URLs configured, only Temporal and S3Proxy start. */
class DevStackExternalIT {

  @Test
  void externalUrlsAreCarriedThroughAndNothingElseStarts() {
    DevStackConfig t = DevStackConfig.forTests();
    DevStackConfig config =
        new DevStackConfig(
            t.dataDir(),
            t.temporalPort(),
            t.s3Port(),
            StoreKind.TRANSIENT,
            "ak",
            "sk",
            "external-test",
            t.openSearchPort(),
            t.openSearchTransportPort(),
            "https://search.example:9200",
            t.dbPort(),
            "jdbc:postgresql://db.example:5432/warden",
            "app",
            "pw",
            true);

    try (DevStack stack = DevStack.start(config)) {
      DevStackEndpoints endpoints = stack.endpoints();
      assertThat(endpoints.openSearchUrl()).isEqualTo("https://search.example:9200");
      assertThat(endpoints.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/warden");
      assertThat(endpoints.dbUser()).isEqualTo("app");
      assertThat(endpoints.dbPassword()).isEqualTo("pw");
      assertThat(stack.startupTimes()).containsOnlyKeys("Temporal", "S3Proxy");
      assertThat(listening(t.openSearchPort())).isFalse();
      assertThat(listening(t.dbPort())).isFalse();
    }
    assertThat(Files.exists(t.dataDir())).isFalse(); // a test stack cleans up after itself
  }

  @Test
  void aBusyPortFailsTheStartClearlyBeforeAnythingStarts() throws Exception {
    DevStackConfig t = DevStackConfig.forTests();
    try (var busy = new ServerSocket(t.s3Port(), 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> DevStack.start(t))
          .hasMessageContaining("port " + t.s3Port() + " is already in use");
    }
    assertThat(listening(t.temporalPort())).isFalse();
    assertThat(listening(t.openSearchPort())).isFalse();
    assertThat(listening(t.dbPort())).isFalse();
    assertThat(Files.exists(t.dataDir())).isFalse();
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
