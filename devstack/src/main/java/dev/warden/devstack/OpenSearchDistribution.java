package dev.warden.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the OpenSearch integ-test zip (a Maven Central artifact) and unpacks a working copy.
 *
 * <p>The build resolves the zip into the local Maven repository and writes its path into
 * opensearch.properties (resource filtering), so nothing machine-specific is committed.
 */
final class OpenSearchDistribution {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchDistribution.class);
  private static final String MARKER = ".warden-unpacked";

  private OpenSearchDistribution() {}

  static String version() {
    return properties().getProperty("version");
  }

  /** WARDEN_OPENSEARCH_ZIP, else the path recorded by the build, else ~/.m2's usual place. */
  static Path locateZip() {
    String override = System.getenv("WARDEN_OPENSEARCH_ZIP");
    if (override != null && !override.isBlank()) {
      Path zip = Path.of(override.trim());
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException("WARDEN_OPENSEARCH_ZIP points to no file: " + zip);
      }
      return zip;
    }
    String version = version();
    Path fromBuild = Path.of(properties().getProperty("zip"));
    Path inDefaultRepo =
        Path.of(System.getProperty("user.home"), ".m2", "repository")
            .resolve("org/opensearch/distribution/integ-test-zip/opensearch")
            .resolve(version)
            .resolve("opensearch-" + version + ".zip");
    for (Path candidate : new Path[] {fromBuild, inDefaultRepo}) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "OpenSearch "
            + version
            + " distribution not found at "
            + fromBuild
            + " or "
            + inDefaultRepo
            + ". Run 'mvn -pl devstack install' (it downloads the zip from Maven Central)"
            + " or set WARDEN_OPENSEARCH_ZIP.");
  }

  /**
   * Unpacks {@code zip} under {@code distDir} once, adds the reindex module and returns
   * OpenSearch's home directory. A marker file written last tells a complete copy from one
   * interrupted half-way; it names the zip and the module's jars, so a copy unpacked from another
   * zip or before the module existed is unpacked again (the data directory is elsewhere).
   */
  static Path unpack(Path zip, Path distDir) {
    return unpack(zip, distDir, ReindexModule.from(properties()));
  }

  static Path unpack(Path zip, Path distDir, ReindexModule reindex) {
    Path home = distDir.resolve("opensearch-" + version());
    String stamp = zip.getFileName() + "\n" + reindex.fingerprint() + "\n";
    if (stamp.equals(readMarker(home))) {
      return home;
    }
    long t0 = System.nanoTime();
    try {
      deleteRecursively(distDir); // a partial copy, another version, or one without the module
      Files.createDirectories(distDir);
      try (ZipFile zipFile = new ZipFile(zip.toFile())) {
        Enumeration<? extends ZipEntry> entries = zipFile.entries();
        while (entries.hasMoreElements()) {
          extract(zipFile, entries.nextElement(), distDir);
        }
      }
      if (!Files.isDirectory(home.resolve("bin"))) {
        throw new IllegalStateException(zip + " does not contain " + home.getFileName() + "/bin");
      }
      reindex.installInto(home);
      Files.writeString(home.resolve(MARKER), stamp);
      log.info(
          "Unpacked {} with the reindex module in {} ms",
          zip.getFileName(),
          (System.nanoTime() - t0) / 1_000_000);
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip + " into " + distDir, e);
    }
  }

  private static String readMarker(Path home) {
    try {
      return Files.readString(home.resolve(MARKER));
    } catch (IOException e) {
      return null; // no complete copy yet
    }
  }

  private static void extract(ZipFile zipFile, ZipEntry entry, Path distDir) throws IOException {
    Path target = distDir.resolve(entry.getName()).normalize();
    if (!target.startsWith(distDir)) {
      throw new IOException("zip entry outside the target directory: " + entry.getName());
    }
    if (entry.isDirectory()) {
      Files.createDirectories(target);
      return;
    }
    Files.createDirectories(target.getParent());
    try (InputStream in = zipFile.getInputStream(entry)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    // java.util.zip drops Unix modes; the launch scripts are the only executables in the zip.
    if (target.getParent().getFileName().toString().equals("bin")) {
      target.toFile().setExecutable(true, false);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  static Properties properties() {
    Properties properties = new Properties();
    try (InputStream in =
        OpenSearchDistribution.class.getResourceAsStream("opensearch.properties")) {
      if (in == null) {
        throw new IllegalStateException("opensearch.properties missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (properties.getProperty("version", "@").contains("@")) {
      throw new IllegalStateException(
          "opensearch.properties was not filtered by the build; rebuild devstack with Maven");
    }
    return properties;
  }
}
