package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.workflows.contract.SearchAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the devstack finds the Temporal CLI, and how it starts the dev server. */
class TemporalCliTest {

  @TempDir Path dir;

  @Test
  void givenTheVariable_whenLocating_thenItWinsAndNoneMeansTheJavaTestServer() throws Exception {
    Path cli = executable(dir.resolve("custom/temporal"));
    Path onPath = executable(dir.resolve("bin/temporal"));

    assertThat(
            TemporalCli.locate(
                Map.of(
                    "WARDEN_TEMPORAL_CLI", cli.toString(), "PATH", onPath.getParent().toString())))
        .contains(cli);
    assertThat(
            TemporalCli.locate(
                Map.of("WARDEN_TEMPORAL_CLI", "none", "PATH", onPath.getParent().toString())))
        .isEmpty();
    assertThatThrownBy(
            () -> TemporalCli.locate(Map.of("WARDEN_TEMPORAL_CLI", dir.resolve("nope").toString())))
        .hasMessageContaining("not an executable");
  }

  @Test
  void givenNoVariable_whenLocating_thenThePathComesBeforeTheCacheAndNothingFoundIsEmpty()
      throws Exception {
    Path onPath = executable(dir.resolve("bin/temporal"));
    Path cached = executable(dir.resolve("cache/warden/bin/temporal"));
    String path = dir.resolve("empty") + ":" + onPath.getParent();
    String cache = dir.resolve("cache").toString();

    assertThat(TemporalCli.locate(Map.of("PATH", path, "XDG_CACHE_HOME", cache))).contains(onPath);
    assertThat(TemporalCli.locate(Map.of("PATH", "/nonexistent", "XDG_CACHE_HOME", cache)))
        .contains(cached);
    assertThat(TemporalCli.locate(Map.of("PATH", "/nonexistent", "HOME", dir.toString())))
        .isEmpty();
    assertThat(TemporalCli.cacheDir(Map.of("HOME", "/home/op")))
        .isEqualTo(Path.of("/home/op/.cache/warden"));
  }

  @Test
  void givenWardensSearchAttributes_whenTheDevServerStarts_thenEachIsRegisteredWithItsType() {
    List<String> command =
        TemporalDevServer.command(
            Path.of("/x/temporal"), 7233, 8233, Path.of("/d/temporal.db"), null);

    assertThat(command)
        .containsSubsequence("server", "start-dev")
        .containsSubsequence("--ip", "127.0.0.1")
        .containsSubsequence("--ui-ip", "127.0.0.1")
        .containsSubsequence("--port", "7233")
        .containsSubsequence("--ui-port", "8233")
        .containsSubsequence("--db-filename", "/d/temporal.db");
    assertThat(command)
        .containsSubsequence("--search-attribute", "WardenTenant=Keyword")
        .containsSubsequence("--search-attribute", "WardenDueAt=Datetime");
    assertThat(command.stream().filter("--search-attribute"::equals))
        .hasSize(SearchAttributes.ALL.size());
    assertThat(command).doesNotContain("--ui-codec-endpoint");
  }

  @Test
  void givenWardensCodecEndpoint_whenTheDevServerStarts_thenItsWebUiDecodesThere() {
    List<String> command =
        TemporalDevServer.command(
            Path.of("/x/temporal"),
            7233,
            8233,
            Path.of("/d/temporal.db"),
            "http://127.0.0.1:8081/v1/temporal/codec");

    assertThat(command)
        .containsSubsequence("--ui-codec-endpoint", "http://127.0.0.1:8081/v1/temporal/codec");
  }

  private static Path executable(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
