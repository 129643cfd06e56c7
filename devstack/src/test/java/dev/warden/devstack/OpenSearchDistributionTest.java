package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working copy of the distribution gets the reindex module, also when it predates it. */
class OpenSearchDistributionTest {
  @TempDir Path tmp;

  @Test
  void givenAFreshDirectory_whenUnpacked_thenModulesReindexHasTheJarsAndAFilledDescriptor()
      throws IOException {
    Path home = OpenSearchDistribution.unpack(fakeZip(), tmp.resolve("dist"), module("a", "b"));

    Path reindex = home.resolve("modules/reindex");
    assertThat(reindex.resolve("a-1.0.jar")).hasContent("jar a");
    assertThat(reindex.resolve("b-1.0.jar")).hasContent("jar b");
    assertThat(reindex.resolve("plugin-security.policy")).exists();
    Properties descriptor = new Properties();
    try (var in = Files.newInputStream(reindex.resolve("plugin-descriptor.properties"))) {
      descriptor.load(in);
    }
    assertThat(descriptor.getProperty("name")).isEqualTo("reindex");
    assertThat(descriptor.getProperty("classname"))
        .isEqualTo("org.opensearch.index.reindex.ReindexPlugin");
    assertThat(descriptor.getProperty("opensearch.version"))
        .isEqualTo(OpenSearchDistribution.version())
        .doesNotContain("@");
    assertThat(descriptor.getProperty("version")).isEqualTo(OpenSearchDistribution.version());
  }

  @Test
  void givenACopyUnpackedBeforeTheModule_whenUnpacked_thenItIsUnpackedAgainWithTheModule()
      throws IOException {
    Path zip = fakeZip();
    Path home = OpenSearchDistribution.unpack(zip, tmp.resolve("dist"), module("a"));
    OpenSearchDistribution.deleteRecursively(home.resolve("modules/reindex"));
    Files.writeString(home.resolve(".warden-unpacked"), ""); // the marker as builds before wrote it

    OpenSearchDistribution.unpack(zip, tmp.resolve("dist"), module("a"));

    assertThat(home.resolve("modules/reindex/a-1.0.jar")).exists();
  }

  @Test
  void givenACompleteCopyWithTheSameModule_whenUnpacked_thenItIsKept() throws IOException {
    Path zip = fakeZip();
    Path home = OpenSearchDistribution.unpack(zip, tmp.resolve("dist"), module("a"));
    Files.writeString(home.resolve("config/kept"), "x");

    OpenSearchDistribution.unpack(zip, tmp.resolve("dist"), module("a"));
    assertThat(home.resolve("config/kept")).exists();

    OpenSearchDistribution.unpack(zip, tmp.resolve("dist"), module("a", "b")); // other jars
    assertThat(home.resolve("config/kept")).doesNotExist();
    assertThat(home.resolve("modules/reindex/b-1.0.jar")).exists();
  }

  @Test
  void givenAMissingJar_whenUnpacked_thenTheErrorNamesItAndNoMarkerIsWritten() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("module.reindex.jar.gone", tmp.resolve("gone-1.0.jar").toString());

    assertThatThrownBy(
            () ->
                OpenSearchDistribution.unpack(
                    fakeZip(), tmp.resolve("dist"), ReindexModule.from(properties)))
        .hasMessageContaining("'gone'")
        .hasMessageContaining("gone-1.0.jar");
    assertThat(tmp.resolve("dist/opensearch-" + OpenSearchDistribution.version()))
        .isDirectoryNotContaining(p -> p.getFileName().toString().equals(".warden-unpacked"));
  }

  @Test
  void givenAnUnfilledJarPath_whenRead_thenTheBuildIsBlamed() {
    Properties properties = new Properties();
    properties.setProperty("module.reindex.jar.x", "@org.example:x:jar@");

    assertThatThrownBy(() -> ReindexModule.from(properties))
        .hasMessageContaining("rebuild devstack with Maven");
  }

  @Test
  void theBuildRecordedEveryJarOfTheRealModule() {
    ReindexModule module = ReindexModule.from(OpenSearchDistribution.properties());

    assertThat(module.fingerprint())
        .contains("reindex-client-" + OpenSearchDistribution.version() + ".jar")
        .contains("opensearch-rest-client-", "opensearch-ssl-config-", "httpasyncclient-")
        .doesNotContain("opensearch-common", "reactor-core"); // the server's lib/ has those
  }

  private ReindexModule module(String... names) throws IOException {
    Properties properties = new Properties();
    for (String name : names) {
      Path jar = Files.writeString(tmp.resolve(name + "-1.0.jar"), "jar " + name);
      properties.setProperty("module.reindex.jar." + name, jar.toString());
    }
    return ReindexModule.from(properties);
  }

  private Path fakeZip() throws IOException {
    Path zip = tmp.resolve("opensearch.zip");
    String root = "opensearch-" + OpenSearchDistribution.version() + "/";
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (String entry : new String[] {"bin/opensearch", "config/opensearch.yml"}) {
        z.putNextEntry(new ZipEntry(root + entry));
        z.write("x".getBytes());
        z.closeEntry();
      }
    }
    return zip;
  }
}
