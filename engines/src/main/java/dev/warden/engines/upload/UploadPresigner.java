package dev.warden.engines.upload;

import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.s3.S3Credentials;
import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Writes into a tenant's folder of the data bucket: presigned PUTs that let a client upload under
 * {@code tenants/{tenantId}/uploads/}, and the objects the API builds itself (packs). Every key it
 * produces starts with the tenant's {@link TenantPrefix}, checked before any call.
 */
public class UploadPresigner implements AutoCloseable {

  /** S3's limit for one PUT; larger files need a multipart upload. */
  public static final long MAX_BYTES = 5L * 1024 * 1024 * 1024;

  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(;[ -~]{1,128})?");

  private final S3Presigner presigner;
  private final S3Client s3;
  private final String bucket;
  private final Duration ttl;

  public UploadPresigner(S3Presigner presigner, S3Client s3, String bucket, Duration ttl) {
    this.presigner = presigner;
    this.s3 = s3;
    this.bucket = bucket;
    this.ttl = ttl;
  }

  /** A presigner for the same endpoint, region, credentials and addressing as the S3 client. */
  public static S3Presigner presigner(WardenProperties.S3 s3) {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(S3Credentials.provider(s3))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
    if (s3.endpoint() != null) {
      builder.endpointOverride(s3.endpoint());
    }
    return builder.build();
  }

  /** How long a presigned URL stays valid. */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Presigns a PUT of {@code sizeBytes} to {@code tenants/{tenantId}/uploads/{uuid}/{fileName}},
   * the file name sanitised by {@link UploadFileName}. Content type and length are signed.
   */
  public PresignedUpload presign(
      TenantId tenant, String fileName, String contentType, long sizeBytes) {
    return sign(prepare(tenant, fileName, contentType, sizeBytes));
  }

  /**
   * Checks an upload request and chooses its key, without signing anything: callers validate first,
   * then pass their gates (and reserve the bytes), then {@link #sign}.
   *
   * @throws IllegalArgumentException for a bad name, type or size
   */
  public PendingUpload prepare(
      TenantId tenant, String fileName, String contentType, long sizeBytes) {
    UploadFileName name = UploadFileName.sanitise(fileName);
    if (sizeBytes < 1 || sizeBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "sizeBytes must be between 1 and %d (5 GiB, one PUT), was %d"
              .formatted(MAX_BYTES, sizeBytes));
    }
    String type = contentType(contentType);
    String key = owned(tenant, "uploads/" + UUID.randomUUID() + "/" + name.value());
    return new PendingUpload(tenant, key, type, sizeBytes);
  }

  /** Signs the PUT of a prepared upload: exactly its key, content type and length. */
  public PresignedUpload sign(PendingUpload upload) {
    PresignedPutObjectRequest signed =
        presigner.presignPutObject(
            p ->
                p.signatureDuration(ttl)
                    .putObjectRequest(
                        o ->
                            o.bucket(bucket)
                                .key(upload.key())
                                .contentType(upload.contentType())
                                .contentLength(upload.sizeBytes())));
    try {
      return new PresignedUpload(
          upload.key(),
          signed.url().toURI(),
          "PUT",
          signed.expiration(),
          headersToSend(signed.signedHeaders()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned an invalid URL for " + upload.key(), e);
    }
  }

  /** The size of the object an upload went to, or empty while nothing is stored there. */
  public OptionalLong storedSize(PendingUpload upload) {
    try {
      return OptionalLong.of(
          s3.headObject(b -> b.bucket(bucket).key(upload.key())).contentLength());
    } catch (NoSuchKeyException e) {
      return OptionalLong.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  /** Writes {@code content} to {@code tenants/{tenantId}/{path}}, replacing any object there. */
  public StoredObject write(TenantId tenant, String path, byte[] content, String contentType) {
    String key = owned(tenant, path);
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType(contentType(contentType)),
        RequestBody.fromBytes(content));
    return new StoredObject(key, content.length);
  }

  private static String owned(TenantId tenant, String path) {
    TenantPrefix prefix = new TenantPrefix(tenant);
    String key = prefix.value() + path;
    if (path.isEmpty() || path.startsWith("/") || path.contains("..") || !prefix.owns(key)) {
      throw new IllegalArgumentException("path must stay inside " + prefix.value() + ": " + path);
    }
    return key;
  }

  private static String contentType(String value) {
    if (value == null || value.isBlank()) {
      return "application/octet-stream";
    }
    if (!CONTENT_TYPE.matcher(value).matches()) {
      throw new IllegalArgumentException("contentType must look like type/subtype: " + value);
    }
    return value;
  }

  // Host is set by any HTTP client from the URL; everything else signed must be sent as is.
  private static Map<String, String> headersToSend(Map<String, List<String>> signed) {
    Map<String, String> out = new TreeMap<>();
    signed.forEach(
        (name, values) -> {
          if (!name.toLowerCase(Locale.ROOT).equals("host")) {
            out.put(name, String.join(",", values));
          }
        });
    return out;
  }

  @Override
  public void close() {
    presigner.close();
  }
}
