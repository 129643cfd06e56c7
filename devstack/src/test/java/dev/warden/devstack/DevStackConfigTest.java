package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackConfigTest {
  private static final Path CWD = Path.of("/work/project");

  @Test
  void defaultsForTheLocalRun() {
    DevStackConfig config = DevStackConfig.fromEnv(Map.of(), CWD);

    assertThat(config.dataDir()).isEqualTo(Path.of("/work/project/.warden"));
    assertThat(config.temporalPort()).isEqualTo(7233);
    assertThat(config.s3Port()).isEqualTo(9000);
    assertThat(config.s3Store()).isEqualTo(StoreKind.FILESYSTEM);
    assertThat(config.s3AccessKey()).isEqualTo("warden");
    assertThat(config.s3SecretKey()).isEqualTo("warden-secret");
    assertThat(config.s3Bucket()).isEqualTo("warden-data");
    assertThat(config.openSearchPort()).isEqualTo(9200);
    assertThat(config.openSearchTransportPort()).isEqualTo(9300);
    assertThat(config.dbPort()).isEqualTo(54329);
    assertThat(config.usesExternalOpenSearch()).isFalse();
    assertThat(config.usesExternalDb()).isFalse();
    assertThat(config.dbUser()).isEqualTo("postgres");
    assertThat(config.deleteDataDirOnClose()).isFalse();
    assertThat(config.authPort()).isEqualTo(9099);
  }

  @Test
  void everyVariableOverridesItsDefault() {
    Map<String, String> env = new HashMap<>();
    env.put("WARDEN_DATA_DIR", "/var/lib/warden");
    env.put("WARDEN_TEMPORAL_PORT", "17233");
    env.put("WARDEN_S3_PORT", "19000");
    env.put("WARDEN_S3_STORE", "Transient");
    env.put("WARDEN_S3_ACCESS_KEY", "ak");
    env.put("WARDEN_S3_SECRET_KEY", "sk");
    env.put("WARDEN_S3_BUCKET", "bucket-1");
    env.put("WARDEN_OPENSEARCH_PORT", "19200");
    env.put("WARDEN_OPENSEARCH_TRANSPORT_PORT", "19300");
    env.put("WARDEN_OPENSEARCH_URL", "https://search.example:9200");
    env.put("WARDEN_DB_PORT", "15432");
    env.put("WARDEN_DB_URL", "jdbc:postgresql://db.example:5432/warden");
    env.put("WARDEN_DB_USER", "app");
    env.put("WARDEN_DB_PASSWORD", "pw");
    env.put("WARDEN_AUTH_PORT", "19099");

    DevStackConfig config = DevStackConfig.fromEnv(env, CWD);

    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/warden"));
    assertThat(config.temporalPort()).isEqualTo(17233);
    assertThat(config.s3Port()).isEqualTo(19000);
    assertThat(config.s3Store()).isEqualTo(StoreKind.TRANSIENT);
    assertThat(config.s3AccessKey()).isEqualTo("ak");
    assertThat(config.s3SecretKey()).isEqualTo("sk");
    assertThat(config.s3Bucket()).isEqualTo("bucket-1");
    assertThat(config.openSearchPort()).isEqualTo(19200);
    assertThat(config.openSearchTransportPort()).isEqualTo(19300);
    assertThat(config.externalOpenSearchUrl()).isEqualTo("https://search.example:9200");
    assertThat(config.dbPort()).isEqualTo(15432);
    assertThat(config.externalDbUrl()).isEqualTo("jdbc:postgresql://db.example:5432/warden");
    assertThat(config.dbUser()).isEqualTo("app");
    assertThat(config.dbPassword()).isEqualTo("pw");
    assertThat(config.authPort()).isEqualTo(19099);
  }

  @Test
  void relativeDataDirResolvesAgainstTheWorkingDirectoryAndBlankMeansUnset() {
    DevStackConfig config =
        DevStackConfig.fromEnv(
            Map.of("WARDEN_DATA_DIR", "run/../data", "WARDEN_S3_PORT", " "), CWD);

    assertThat(config.dataDir()).isEqualTo(Path.of("/work/project/data"));
    assertThat(config.s3Port()).isEqualTo(9000);
  }

  @Test
  void dbUserAndPasswordOnlyApplyToAnExternalDatabase() {
    DevStackConfig config =
        DevStackConfig.fromEnv(Map.of("WARDEN_DB_USER", "app", "WARDEN_DB_PASSWORD", "pw"), CWD);

    assertThat(config.usesExternalDb()).isFalse();
    assertThat(config.dbUser()).isEqualTo(PostgresServer.USER);
    assertThat(config.dbPassword()).isEqualTo(PostgresServer.PASSWORD);
  }

  @Test
  void rejectsBadPortsStoreKindsAndBucketNames() {
    assertThatThrownBy(() -> DevStackConfig.fromEnv(Map.of("WARDEN_S3_PORT", "nine"), CWD))
        .hasMessageContaining("WARDEN_S3_PORT")
        .hasMessageContaining("nine");
    assertThatThrownBy(() -> DevStackConfig.fromEnv(Map.of("WARDEN_DB_PORT", "70000"), CWD))
        .hasMessageContaining("WARDEN_DB_PORT");
    assertThatThrownBy(() -> DevStackConfig.fromEnv(Map.of("WARDEN_S3_STORE", "minio"), CWD))
        .hasMessageContaining("filesystem")
        .hasMessageContaining("minio");
    // S3Proxy would answer NoSuchBucket for such names instead of rejecting them.
    assertThatThrownBy(() -> DevStackConfig.fromEnv(Map.of("WARDEN_S3_BUCKET", "b"), CWD))
        .hasMessageContaining("invalid S3 bucket name 'b'");
    assertThatThrownBy(() -> DevStackConfig.fromEnv(Map.of("WARDEN_S3_BUCKET", "Data_1"), CWD))
        .hasMessageContaining("invalid S3 bucket name");
  }

  @Test
  void testStacksGetDistinctRandomPortsAndAFreshDirectory() throws Exception {
    DevStackConfig a = DevStackConfig.forTests();
    DevStackConfig b = DevStackConfig.forTests();
    try {
      Set<Integer> ports =
          Set.of(
              a.temporalPort(),
              a.s3Port(),
              a.openSearchPort(),
              a.openSearchTransportPort(),
              a.dbPort());
      assertThat(ports).hasSize(5).doesNotContain(7233, 9000, 9200, 9300, 54329);
      assertThat(a.dataDir()).isDirectory().isNotEqualTo(b.dataDir());
      assertThat(Files.getPosixFilePermissions(a.dataDir()))
          .extracting(Object::toString)
          .contains("OTHERS_EXECUTE");
      assertThat(a.deleteDataDirOnClose()).isTrue();
      assertThat(a.usesExternalDb()).isFalse();
      assertThat(a.usesExternalOpenSearch()).isFalse();
    } finally {
      Files.deleteIfExists(a.dataDir());
      Files.deleteIfExists(b.dataDir());
    }
  }

  @Test
  void givenAnAuthServer_whenWrittenAsEnvironment_thenItsIssuerRoundTrips() {
    DevStackEndpoints endpoints =
        new DevStackEndpoints(
            "t", "s", "r", "ak", "sk", "b", "o", "j", "u", "p", "http://127.0.0.1:9099");

    assertThat(endpoints.asEnv()).containsEntry("WARDEN_AUTH_ISSUER_URI", "http://127.0.0.1:9099");
    assertThat(DevStackEndpoints.fromEnv(endpoints.asEnv())).isEqualTo(endpoints);
    assertThat(DevStackEndpoints.fromEnv(Map.of()).authIssuerUri()).isNull();
  }

  @Test
  void givenSplitRoles_whenWrittenAsEnvironment_thenTheAppsLogInAsTheAppRoleAndMigrateAsTheOwner() {
    DevStackEndpoints endpoints =
        new DevStackEndpoints(
            "t", "s", "r", "ak", "sk", "b", "o", "j", "postgres", "pg", null, null, "warden", "w");

    assertThat(endpoints.asEnv())
        .containsEntry("WARDEN_DB_USER", "warden")
        .containsEntry("WARDEN_DB_PASSWORD", "w")
        .containsEntry("WARDEN_DB_MIGRATION_USER", "postgres")
        .containsEntry("WARDEN_DB_MIGRATION_PASSWORD", "pg");
    assertThat(DevStackEndpoints.fromEnv(endpoints.asEnv())).isEqualTo(endpoints);
  }

  @Test
  void endpointsRoundTripThroughTheEnvironment() {
    DevStackEndpoints endpoints =
        new DevStackEndpoints(
            "127.0.0.1:1",
            "http://127.0.0.1:2",
            "us-east-1",
            "ak",
            "sk",
            "bucket",
            "http://127.0.0.1:3",
            "jdbc:postgresql://127.0.0.1:4/warden",
            "u",
            "p");

    assertThat(endpoints.asEnv().keySet())
        .containsExactly(
            "WARDEN_TEMPORAL_TARGET",
            "WARDEN_S3_ENDPOINT",
            "WARDEN_S3_REGION",
            "WARDEN_S3_ACCESS_KEY",
            "WARDEN_S3_SECRET_KEY",
            "WARDEN_S3_BUCKET",
            "WARDEN_OPENSEARCH_URL",
            "WARDEN_DB_URL",
            "WARDEN_DB_USER",
            "WARDEN_DB_PASSWORD");
    assertThat(DevStackEndpoints.fromEnv(endpoints.asEnv())).isEqualTo(endpoints);
  }

  @Test
  void externalEndpointsDefaultToTheLocalRun() {
    DevStackEndpoints endpoints = DevStackEndpoints.fromEnv(Map.of());

    assertThat(endpoints.temporalTarget()).isEqualTo("127.0.0.1:7233");
    assertThat(endpoints.s3Endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(endpoints.openSearchUrl()).isEqualTo("http://127.0.0.1:9200");
    assertThat(endpoints.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:54329/warden");
  }

  @Test
  void readyFileHoldsShellExportsAndQuotesSafely(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/ready.env");

    DevStackMain.writeReadyFile(file, Map.of("WARDEN_S3_SECRET_KEY", "it's $HOME"));

    assertThat(Files.readString(file)).isEqualTo("export WARDEN_S3_SECRET_KEY='it'\\''s $HOME'\n");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }
}
