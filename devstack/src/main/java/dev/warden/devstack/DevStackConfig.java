package dev.warden.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/**
 * What to start and where. {@link #fromEnv()} is the local run ({@code ./warden up}); {@link
 * #forTests()} is the integration-test stack (random ports, throw-away data directory).
 *
 * @param dataDir root of everything the servers persist (S3 files, PostgreSQL, OpenSearch)
 * @param externalOpenSearchUrl when non-null, use this OpenSearch and start none
 * @param externalDbUrl when non-null, use this PostgreSQL (JDBC URL) and start none
 * @param dbUser user for {@code externalDbUrl} (the embedded server always uses postgres)
 * @param dbPassword password for {@code externalDbUrl}
 * @param deleteDataDirOnClose remove {@code dataDir} when the stack stops (test stacks)
 * @param authPort port of the local OAuth2 authorization server; 0 starts none (it also starts only
 *     when Spring Authorization Server is on the classpath)
 * @param temporalUiPort port of Temporal's Web UI (dev server only)
 * @param temporalCli the Temporal CLI whose dev server runs; null runs Temporal's Java test server
 *     ({@link TemporalCli#locate})
 */
public record DevStackConfig(
    Path dataDir,
    int temporalPort,
    int s3Port,
    StoreKind s3Store,
    String s3AccessKey,
    String s3SecretKey,
    String s3Bucket,
    int openSearchPort,
    int openSearchTransportPort,
    String externalOpenSearchUrl,
    int dbPort,
    String externalDbUrl,
    String dbUser,
    String dbPassword,
    boolean deleteDataDirOnClose,
    int authPort,
    int temporalUiPort,
    Path temporalCli,
    String temporalUiCodecEndpoint) {

  public static final String DEFAULT_ACCESS_KEY = "warden";
  public static final String DEFAULT_SECRET_KEY = "warden-secret";
  public static final String DEFAULT_BUCKET = "warden-data";

  public DevStackConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(s3Store, "s3Store");
    requireText(s3AccessKey, "s3AccessKey");
    requireText(s3SecretKey, "s3SecretKey");
    S3ProxyServer.requireValidBucketName(s3Bucket);
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** The configuration without a codec endpoint for the Web UI (payloads shown as stored). */
  public DevStackConfig(
      Path dataDir,
      int temporalPort,
      int s3Port,
      StoreKind s3Store,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      int openSearchPort,
      int openSearchTransportPort,
      String externalOpenSearchUrl,
      int dbPort,
      String externalDbUrl,
      String dbUser,
      String dbPassword,
      boolean deleteDataDirOnClose,
      int authPort,
      int temporalUiPort,
      Path temporalCli) {
    this(
        dataDir,
        temporalPort,
        s3Port,
        s3Store,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchPort,
        openSearchTransportPort,
        externalOpenSearchUrl,
        dbPort,
        externalDbUrl,
        dbUser,
        dbPassword,
        deleteDataDirOnClose,
        authPort,
        temporalUiPort,
        temporalCli,
        null);
  }

  /** The configuration without an authorization server (the shape before it existed). */
  public DevStackConfig(
      Path dataDir,
      int temporalPort,
      int s3Port,
      StoreKind s3Store,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      int openSearchPort,
      int openSearchTransportPort,
      String externalOpenSearchUrl,
      int dbPort,
      String externalDbUrl,
      String dbUser,
      String dbPassword,
      boolean deleteDataDirOnClose) {
    this(
        dataDir,
        temporalPort,
        s3Port,
        s3Store,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchPort,
        openSearchTransportPort,
        externalOpenSearchUrl,
        dbPort,
        externalDbUrl,
        dbUser,
        dbPassword,
        deleteDataDirOnClose,
        0);
  }

  /** The configuration before the Temporal dev server: a free Web UI port, the CLI if found. */
  public DevStackConfig(
      Path dataDir,
      int temporalPort,
      int s3Port,
      StoreKind s3Store,
      String s3AccessKey,
      String s3SecretKey,
      String s3Bucket,
      int openSearchPort,
      int openSearchTransportPort,
      String externalOpenSearchUrl,
      int dbPort,
      String externalDbUrl,
      String dbUser,
      String dbPassword,
      boolean deleteDataDirOnClose,
      int authPort) {
    this(
        dataDir,
        temporalPort,
        s3Port,
        s3Store,
        s3AccessKey,
        s3SecretKey,
        s3Bucket,
        openSearchPort,
        openSearchTransportPort,
        externalOpenSearchUrl,
        dbPort,
        externalDbUrl,
        dbUser,
        dbPassword,
        deleteDataDirOnClose,
        authPort,
        Ports.freePorts(1)[0],
        TemporalCli.locate(System.getenv()).orElse(null));
  }

  public boolean usesExternalOpenSearch() {
    return externalOpenSearchUrl != null;
  }

  public boolean usesExternalDb() {
    return externalDbUrl != null;
  }

  /** The local-run configuration from the process environment (see devstack/README.md). */
  public static DevStackConfig fromEnv() {
    return fromEnv(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** The local-run configuration from {@code env}; relative paths resolve against {@code cwd}. */
  public static DevStackConfig fromEnv(Map<String, String> env, Path cwd) {
    Env e = new Env(env);
    String dbUrl = e.get("WARDEN_DB_URL", null);
    return new DevStackConfig(
        cwd.resolve(e.get("WARDEN_DATA_DIR", ".warden")),
        e.port("WARDEN_TEMPORAL_PORT", 7233),
        e.port("WARDEN_S3_PORT", 9000),
        StoreKind.parse(e.get("WARDEN_S3_STORE", StoreKind.FILESYSTEM.id())),
        e.get("WARDEN_S3_ACCESS_KEY", DEFAULT_ACCESS_KEY),
        e.get("WARDEN_S3_SECRET_KEY", DEFAULT_SECRET_KEY),
        e.get("WARDEN_S3_BUCKET", DEFAULT_BUCKET),
        e.port("WARDEN_OPENSEARCH_PORT", 9200),
        e.port("WARDEN_OPENSEARCH_TRANSPORT_PORT", 9300),
        e.get("WARDEN_OPENSEARCH_URL", null),
        e.port("WARDEN_DB_PORT", 54329),
        dbUrl,
        dbUrl == null ? PostgresServer.USER : e.get("WARDEN_DB_USER", PostgresServer.USER),
        dbUrl == null ? PostgresServer.PASSWORD : e.get("WARDEN_DB_PASSWORD", ""),
        false,
        e.port("WARDEN_AUTH_PORT", 9099),
        e.port("WARDEN_TEMPORAL_UI_PORT", 8233),
        TemporalCli.locate(env).orElse(null),
        e.get("WARDEN_TEMPORAL_UI_CODEC_ENDPOINT", null));
  }

  /**
   * A stack for integration tests: free random ports (so it never collides with a developer's
   * running {@code ./warden up}), a fresh temporary data directory deleted on close, embedded
   * servers only. Environment variables are deliberately ignored, except those that find the
   * Temporal CLI ({@link TemporalCli#locate}).
   */
  public static DevStackConfig forTests() {
    int[] ports = Ports.freePorts(7);
    return new DevStackConfig(
        newTestDataDir(),
        ports[0],
        ports[1],
        StoreKind.FILESYSTEM,
        DEFAULT_ACCESS_KEY,
        DEFAULT_SECRET_KEY,
        DEFAULT_BUCKET,
        ports[2],
        ports[3],
        null,
        ports[4],
        null,
        PostgresServer.USER,
        PostgresServer.PASSWORD,
        true,
        ports[5],
        ports[6],
        TemporalCli.locate(System.getenv()).orElse(null));
  }

  private static Path newTestDataDir() {
    try {
      // rwxr-xr-x: when run as root, OpenSearch runs as another user that must reach its files.
      Path dir =
          Files.createTempDirectory(
              "warden-devstack-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Reads variables, treating blank values as unset. */
  private record Env(Map<String, String> env) {
    String get(String name, String fallback) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    int port(String name, int fallback) {
      String value = get(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        int port = Integer.parseInt(value);
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " must be a port number (1-65535), got '" + value + "'");
    }
  }
}
