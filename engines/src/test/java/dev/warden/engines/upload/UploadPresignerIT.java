package dev.warden.engines.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class UploadPresignerIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static S3Fixture s3;
  private static UploadPresigner uploads;

  @BeforeAll
  static void connect() {
    DevStackEndpoints e = DevStackExtension.endpoints();
    s3 = new S3Fixture(e);
    uploads =
        new UploadPresigner(
            UploadPresigner.presigner(config()), s3.s3(), e.s3Bucket(), Duration.ofMinutes(5));
  }

  private static WardenProperties.S3 config() {
    DevStackEndpoints e = DevStackExtension.endpoints();
    return new WardenProperties.S3(
        URI.create(e.s3Endpoint()),
        e.s3Region(),
        e.s3AccessKey(),
        e.s3SecretKey(),
        e.s3Bucket(),
        true);
  }

  @AfterAll
  static void close() {
    uploads.close();
    s3.close();
  }

  @Test
  void givenAPresignedPut_whenTheClientPutsExactlyThatFile_thenS3HoldsItUnderTheTenant()
      throws Exception {
    byte[] content = "hello from acme".getBytes(StandardCharsets.UTF_8);

    PresignedUpload upload =
        uploads.presign(ACME, "my report (1).txt", "text/plain", content.length);
    HttpResponse<String> put = put(upload, content);

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(upload.key()).matches("tenants/acme/uploads/[0-9a-f-]{36}/myreport1\\.txt");
    assertThat(upload.method()).isEqualTo("PUT");
    assertThat(upload.expiresAt()).isBetween(Instant.now(), Instant.now().plusSeconds(301));
    assertThat(upload.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("content-type", "text/plain", "content-length", "15"));
    assertThat(
            s3.s3().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(upload.key())).asUtf8String())
        .isEqualTo("hello from acme");
  }

  @Test
  void givenAPresignedPut_whenTheClientSendsMoreBytesThanAnnounced_thenS3RefusesIt()
      throws Exception {
    PresignedUpload upload = uploads.presign(ACME, "small.bin", "application/octet-stream", 4);

    HttpResponse<String> put = put(upload, "far more than four bytes".getBytes());

    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(s3.snapshot(upload.key())).isEmpty();
  }

  @Test
  void givenAnExpiredPresignedPut_whenTheClientPutsItsFile_thenS3RefusesItAndStoresNothing()
      throws Exception {
    // What lets a purge wait out earlier URLs instead of sweeping after them: an expired URL
    // lands nothing.
    PresignedUpload upload;
    try (UploadPresigner shortLived =
        new UploadPresigner(
            UploadPresigner.presigner(config()), s3.s3(), s3.bucket(), Duration.ofSeconds(1))) {
      upload = shortLived.presign(ACME, "late.txt", "text/plain", 4);
    }
    // A sleep, not a poll: the passing of the URL's lifetime is the condition, and any probe PUT
    // made before it ran out would store the very file this test proves is refused.
    Thread.sleep(Duration.between(Instant.now(), upload.expiresAt()).toMillis() + 2_000);

    HttpResponse<String> put = put(upload, "late".getBytes());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
    assertThat(s3.snapshot(upload.key())).isEmpty();
  }

  @Test
  void
      givenUrlLifetimesOutsideOneSecondToOneHour_whenConfigured_thenStartUpFailsNamingTheSetting() {
    assertThat(UploadConfiguration.checkedTtl(Duration.ofMinutes(15)))
        .isEqualTo(Duration.ofMinutes(15));
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofHours(2), null}) {
      assertThatThrownBy(() -> UploadConfiguration.checkedTtl(bad))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WARDEN_UPLOAD_URL_TTL");
    }
  }

  @Test
  void givenSizesOutsideOneByteToFiveGib_whenPresigned_thenRefused() {
    assertThatThrownBy(() -> uploads.presign(ACME, "a.bin", null, 0))
        .hasMessageContaining("sizeBytes");
    assertThatThrownBy(() -> uploads.presign(ACME, "a.bin", null, UploadPresigner.MAX_BYTES + 1))
        .hasMessageContaining("sizeBytes");
    assertThatThrownBy(() -> uploads.presign(ACME, "a.bin", "text/plain\r\nX-Evil: 1", 1))
        .hasMessageContaining("contentType");
  }

  @Test
  void givenAPackPath_whenWritten_thenItLandsInTheTenantFolderAndNowhereElse() {
    StoredObject stored = uploads.write(ACME, "packs/p1.json", "{}".getBytes(), "application/json");

    assertThat(stored).isEqualTo(new StoredObject("tenants/acme/packs/p1.json", 2));
    assertThat(s3.snapshot("tenants/acme/packs/p1.json")).hasSize(1);
    assertThatThrownBy(() -> uploads.write(ACME, "../acme-eu/x", new byte[1], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> uploads.write(ACME, "", new byte[1], null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static HttpResponse<String> put(PresignedUpload upload, byte[] content) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(content));
    // Java's client sets Content-Length itself from the body and refuses it as a header.
    upload.headers().entrySet().stream()
        .filter(h -> !h.getKey().equalsIgnoreCase("Content-Length"))
        .forEach(h -> request.header(h.getKey(), h.getValue()));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
