package dev.warden.engines.logarchive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The shared-archive rewrite writes with If-Match on the ETag it read. Another writer changes the
 * archive between that read and the PUT (here: a purge of another tenant that did not hold the
 * lease, and a late line of a third tenant): S3Proxy answers 412, the rewrite reads the archive
 * again, and neither puts back the other purge's deleted lines nor drops the new line.
 */
@ExtendWith(DevStackExtension.class)
class ArchiveConditionalWriteIT {

  private final S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints());
  private final String key = "logs/ifmatch/" + UUID.randomUUID() + "/app.jsonl.gz";

  @AfterEach
  void close() {
    s3.close();
  }

  @Test
  void givenS3Proxy_whenAPutCarriesAStaleIfMatch_thenItIsRefusedWith412() throws IOException {
    put(lines("gamma", 0, 2));
    String stale = s3.s3().headObject(h -> h.bucket(s3.bucket()).key(key)).eTag();
    put(lines("gamma", 0, 3));

    S3Exception refused =
        assertThrows(
            S3Exception.class,
            () ->
                s3.s3()
                    .putObject(
                        p -> p.bucket(s3.bucket()).key(key).ifMatch(stale),
                        RequestBody.fromString("x")));

    assertThat(refused.statusCode()).isEqualTo(412);
    assertThat(read()).isEqualTo(lines("gamma", 0, 3));
  }

  @Test
  void givenAWriteBetweenReadAndPut_whenRewritten_thenItRereadsAndKeepsTheOtherWritersChange()
      throws IOException {
    String original =
        IntStream.range(0, 6)
            .mapToObj(i -> line("acme", i) + line("beta", i) + line("gamma", i))
            .collect(Collectors.joining());
    put(original);
    String betaPurged =
        original
                .lines()
                .filter(l -> !l.contains("\"beta\""))
                .map(l -> l + "\n")
                .collect(Collectors.joining())
            + line("gamma", 99);
    AtomicInteger renewals = new AtomicInteger();
    // The rewrite renews its lease right before the PUT: the other writer strikes there, once.
    ArchiveLocks racing =
        (archive, whileWaiting) ->
            new ArchiveLocks.Held() {
              @Override
              public void renew() {
                if (renewals.incrementAndGet() == 1) {
                  put(betaPurged);
                }
              }

              @Override
              public void close() {}
            };
    ArchiveRewriter rewriter =
        new ArchiveRewriter(
            s3.s3(),
            s3.bucket(),
            new ArchiveVersions(s3.s3(), s3.bucket(), 1000),
            racing,
            ArchiveIndex.none());

    ArchiveCursor done =
        rewriter.rewrite(
            new ArchiveFilter(new ObjectMapper(), TenantId.of("acme")),
            key,
            false,
            ArchiveCursor.START,
            () -> {});

    assertThat(renewals.get()).isEqualTo(2); // the first PUT was refused, the second went through
    String expected =
        IntStream.range(0, 6).mapToObj(i -> line("gamma", i)).collect(Collectors.joining())
            + line("gamma", 99);
    assertThat(read()).isEqualTo(expected);
    assertThat(done.linesRemoved()).isEqualTo(6);
    assertThat(done.archivesRewritten()).isEqualTo(1);
  }

  private static String lines(String tenant, int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(i -> line(tenant, i))
        .collect(Collectors.joining());
  }

  private static String line(String tenant, int n) {
    return "{\"tenant_id\":\"" + tenant + "\",\"msg\":\"line " + n + "\"}\n";
  }

  private void put(String text) {
    try {
      byte[] gz = ArchiveFilterTest.gzip(text.getBytes(StandardCharsets.UTF_8));
      s3.s3().putObject(p -> p.bucket(s3.bucket()).key(key), RequestBody.fromBytes(gz));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read() throws IOException {
    byte[] gz = s3.s3().getObjectAsBytes(g -> g.bucket(s3.bucket()).key(key)).asByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
