package dev.warden.engines.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.S3Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With no WARDEN_S3_ACCESS_KEY/SECRET_KEY the S3 client signs with the AWS default credentials
 * chain: keys given only as AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY reach S3Proxy (in a JVM of its
 * own, since the chain reads the process environment); without them the call is refused.
 */
@ExtendWith(DevStackExtension.class)
class DefaultCredentialsChainIT {

  @Test
  void givenKeysOnlyInTheAwsVariables_whenTheClientWrites_thenTheObjectIsStored() throws Exception {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    String key = "tenants/chain-" + UUID.randomUUID() + "/probe";

    Probe run =
        probe(
            endpoints,
            key,
            Map.of(
                "AWS_ACCESS_KEY_ID", endpoints.s3AccessKey(),
                "AWS_SECRET_ACCESS_KEY", endpoints.s3SecretKey()));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("stored 5 bytes");
    try (S3Fixture s3 = new S3Fixture(endpoints)) {
      assertThat(s3.snapshot(key)).containsOnlyKeys(key);
      s3.s3().deleteObject(d -> d.bucket(endpoints.s3Bucket()).key(key));
    }
  }

  @Test
  void givenNoKeysAnywhere_whenTheClientWrites_thenItFailsForWantOfCredentials() throws Exception {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();

    Probe run = probe(endpoints, "tenants/chain-" + UUID.randomUUID() + "/probe", Map.of());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("Unable to load credentials");
  }

  record Probe(int exitCode, String output) {}

  private static Probe probe(DevStackEndpoints endpoints, String key, Map<String, String> env)
      throws Exception {
    Path log = Files.createTempFile("warden-s3-chain", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                S3ChainProbe.class.getName(),
                endpoints.s3Endpoint(),
                endpoints.s3Bucket(),
                key)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Nothing of this machine's AWS set-up: no profile file, no instance metadata look-up.
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("WARDEN_"));
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().put("AWS_CONFIG_FILE", log + ".none");
    builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", log + ".none");
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the probe ended").isTrue();
      return new Probe(process.exitValue(), Files.readString(log));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
