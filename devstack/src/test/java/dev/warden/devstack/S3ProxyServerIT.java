package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/** Extra S3Proxy instances, as other modules' tests start them (no shared stack needed). */
class S3ProxyServerIT {

  @Test
  void transientStoreSupportsVersionedBuckets() {
    try (S3ProxyServer server =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "ak", "sk")
                .ensureBucket("versioned");
        S3Client s3 = DevStackIT.s3Client(endpoints(server))) {
      s3.putBucketVersioning(
          b ->
              b.bucket("versioned")
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      s3.putObject(b -> b.bucket("versioned").key("k"), RequestBody.fromString("v1"));
      s3.putObject(b -> b.bucket("versioned").key("k"), RequestBody.fromString("v2"));
      s3.deleteObject(b -> b.bucket("versioned").key("k"));

      ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("versioned"));
      assertThat(versions.versions()).hasSize(2);
      assertThat(versions.deleteMarkers()).hasSize(1);
    }
  }

  @Test
  void filesystemStoreKeepsBucketsAndObjectsAcrossRestarts(@TempDir Path dir) {
    try (S3ProxyServer server =
            S3ProxyServer.start(0, StoreKind.FILESYSTEM, dir, "ak", "sk")
                .ensureBucket("kept-bucket");
        S3Client s3 = DevStackIT.s3Client(endpoints(server))) {
      s3.putObject(b -> b.bucket("kept-bucket").key("a/b.txt"), RequestBody.fromString("kept"));
    }
    try (S3ProxyServer server =
            S3ProxyServer.start(0, StoreKind.FILESYSTEM, dir, "ak", "sk")
                .ensureBucket("kept-bucket");
        S3Client s3 = DevStackIT.s3Client(endpoints(server))) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket("kept-bucket").key("a/b.txt")).asUtf8String())
          .isEqualTo("kept");
    }
  }

  private static DevStackEndpoints endpoints(S3ProxyServer server) {
    return new DevStackEndpoints(
        null, server.endpoint(), "us-east-1", "ak", "sk", null, null, null, null, null);
  }
}
