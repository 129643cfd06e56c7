package dev.warden.engines.testing;

import dev.warden.devstack.DevStackEndpoints;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Seeds and inspects the devstack's S3 for tests: what is there, byte for byte. */
public final class S3Fixture implements AutoCloseable {

  private final S3Client s3;
  private final String bucket;

  public S3Fixture(DevStackEndpoints endpoints) {
    this(
        client(endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey()),
        endpoints.s3Bucket());
  }

  public S3Fixture(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public static S3Client client(String endpoint, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .build();
  }

  public S3Client s3() {
    return s3;
  }

  public String bucket() {
    return bucket;
  }

  public void put(String key, String content) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  /** Every key under the prefix with the SHA-256 of its content, sorted by key. */
  public Map<String, String> snapshot(String prefix) {
    Map<String, String> out = new TreeMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
      out.put(o.key(), sha256(bytes));
    }
    return out;
  }

  /** How many keys are under the prefix (listing only: safe while a purge deletes them). */
  public int count(String prefix) {
    int n = 0;
    for (S3Object ignored :
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      n++;
    }
    return n;
  }

  /** Deletes everything in the bucket, so each test starts from a known state. */
  public void clear() {
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
