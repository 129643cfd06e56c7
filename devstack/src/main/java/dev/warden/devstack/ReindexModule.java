package dev.warden.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * OpenSearch's reindex module ({@code _delete_by_query}, {@code _update_by_query}, {@code
 * _reindex}), which the integ-test zip lacks, assembled into a working copy's {@code
 * modules/reindex/} as the full distribution ships it: the module's jar (Maven Central's {@code
 * org.opensearch.plugin:reindex-client}) and its runtime dependencies, resolved by the build into
 * the local Maven repository, plus a descriptor and a security policy kept as resources.
 */
final class ReindexModule {
  static final String NAME = "reindex";
  private static final String JAR_PREFIX = "module.reindex.jar.";
  private static final List<String> RESOURCES =
      List.of("plugin-descriptor.properties", "plugin-security.policy");

  private final Map<String, Path> jars;

  private ReindexModule(Map<String, Path> jars) {
    this.jars = jars;
  }

  /** The module as recorded by the build in {@code properties} (opensearch.properties). */
  static ReindexModule from(Properties properties) {
    Map<String, Path> jars = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(JAR_PREFIX)) {
        String value = properties.getProperty(key);
        if (value.contains("@")) {
          throw new IllegalStateException(
              key + " was not filled in by the build; rebuild devstack with Maven");
        }
        jars.put(key.substring(JAR_PREFIX.length()), Path.of(value));
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          "opensearch.properties names no jar of the reindex module; rebuild devstack with Maven");
    }
    return new ReindexModule(jars);
  }

  /**
   * What the module consists of, for the working copy's marker: a copy made from other jars (or
   * none, before the module existed) is unpacked again.
   */
  String fingerprint() {
    StringBuilder out = new StringBuilder("module " + NAME + ":");
    jars.values().forEach(jar -> out.append(' ').append(jar.getFileName()));
    return out.toString();
  }

  /** Copies the module into {@code home}/modules/reindex/; fails naming a missing jar. */
  void installInto(Path home) {
    Path dir = home.resolve("modules").resolve(NAME);
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        if (!Files.isRegularFile(jar.getValue())) {
          throw new IllegalStateException(
              "jar '"
                  + jar.getKey()
                  + "' of OpenSearch's reindex module not found at "
                  + jar.getValue()
                  + ". Run 'mvn -pl devstack install' (it downloads it from Maven Central).");
        }
        Files.copy(
            jar.getValue(),
            dir.resolve(jar.getValue().getFileName()),
            StandardCopyOption.REPLACE_EXISTING);
      }
      for (String resource : RESOURCES) {
        try (InputStream in = ReindexModule.class.getResourceAsStream(NAME + "/" + resource)) {
          if (in == null) {
            throw new IllegalStateException(resource + " of the reindex module not on classpath");
          }
          Files.copy(in, dir.resolve(resource), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the reindex module into " + dir, e);
    }
  }
}
