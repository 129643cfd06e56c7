package dev.warden.engines.s3;

import dev.warden.engines.config.WardenProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Whose credentials Warden signs S3 calls (and presigned uploads) with: the static key pair when
 * one is configured, else the AWS SDK's default chain — system properties, {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity (IRSA), the shared profile (SSO),
 * the container or instance role.
 */
public final class S3Credentials {
  private S3Credentials() {}

  public static AwsCredentialsProvider provider(WardenProperties.S3 s3) {
    boolean access = isSet(s3.accessKey());
    boolean secret = isSet(s3.secretKey());
    if (access != secret) {
      throw new IllegalStateException(
          "WARDEN_S3_ACCESS_KEY and WARDEN_S3_SECRET_KEY go together: set both, or neither to use"
              + " the AWS default credentials chain");
    }
    return access
        ? StaticCredentialsProvider.create(
            AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
        : DefaultCredentialsProvider.builder().build();
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }
}
