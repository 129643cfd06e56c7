package dev.warden.engines.logarchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.TenantId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveFilterTest {

  private final ArchiveFilter filter = new ArchiveFilter(new ObjectMapper(), TenantId.of("acme"));

  @Test
  void givenNeighbourTenants_whenFiltered_thenOnlyExactAcmeLinesGoAndTheRestKeepsItsBytes()
      throws IOException {
    String acme = "{\"tenant_id\":\"acme\",\"msg\":\"a\"}\n";
    String kept =
        "{\"tenant_id\":\"acme-eu\",\"msg\":\"acme\"}\r\n" // CRLF survives
            + "{\"msg\":{\"x\":[1,2]},\"tenant_id\":\"acme2\"}\n"
            + "{\"tenant_id\":\"acm\"}\n"
            + "{\"tenant_id\":\"ACME\"}\n";
    String last = "{\"tenant_id\":\"globex\"}"; // no final newline, and it stays that way

    Output out = run(bytes(acme + kept + acme + last));

    assertThat(out.text()).isEqualTo(kept + last);
    assertThat(out.result()).isEqualTo(new ArchiveFilter.Result(2, 2L * acme.length(), 0));
  }

  @Test
  void givenLinesWithoutAReadableTenant_whenFiltered_thenTheyAreKeptAndCounted()
      throws IOException {
    String unattributable =
        "not json at all\n"
            + "{\"ctx\":{\"tenant_id\":\"acme\"}}\n" // nested: not the top-level field
            + "{\"tenant_id\":42}\n"
            + "[\"acme\"]\n";
    String blank = "\n   \n";

    Output out = run(bytes(unattributable + blank + "{\"tenant_id\":\"acme\"}\n"));

    assertThat(out.text()).isEqualTo(unattributable + blank);
    assertThat(out.result().unattributable()).isEqualTo(4);
    assertThat(out.result().linesRemoved()).isEqualTo(1);
  }

  @Test
  void givenInvalidUtf8AndLongLines_whenFiltered_thenKeptLinesAreByteIdentical()
      throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    byte[] invalid = {
      '{',
      '"',
      't',
      'e',
      'n',
      'a',
      'n',
      't',
      '_',
      'i',
      'd',
      '"',
      ':',
      '"',
      'x',
      '"',
      ',',
      '"',
      'b',
      '"',
      ':',
      '"',
      (byte) 0xC3,
      (byte) 0x28,
      '"',
      '}',
      '\n'
    };
    String longLine = "{\"tenant_id\":\"acme-eu\",\"m\":\"" + "y".repeat(300_000) + "\"}\n";
    String longAcme = "{\"tenant_id\":\"acme\",\"m\":\"" + "z".repeat(200_000) + "\"}\n";
    plain.write(invalid);
    plain.writeBytes(longAcme.getBytes(StandardCharsets.UTF_8));
    plain.writeBytes(longLine.getBytes(StandardCharsets.UTF_8));

    Output out = run(gzip(plain.toByteArray()));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(invalid);
    expected.writeBytes(longLine.getBytes(StandardCharsets.UTF_8));
    assertThat(out.plain()).isEqualTo(expected.toByteArray());
    assertThat(out.result().linesRemoved()).isEqualTo(1);
    assertThat(out.result().bytesRemoved()).isEqualTo(longAcme.length());
  }

  @Test
  void givenCountOnly_whenFiltered_thenNothingIsWrittenAndTenantLinesAreCounted()
      throws IOException {
    String lines =
        "{\"tenant_id\":\"acme\"}\n{\"tenant_id\":\"acme-eu\"}\n{\"tenant_id\":\"acme\"}";

    ArchiveFilter.Result result =
        filter.filter(new ByteArrayInputStream(bytes(lines)), null, "count-only", () -> {});

    assertThat(result.linesRemoved()).isEqualTo(2);
  }

  @Test
  void givenAnArchiveThatStreamsSlowly_whenFiltered_thenItTicksAboutOnceASecond() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < 3_000; n++) {
      text.append("{\"tenant_id\":\"acme-eu\",\"n\":").append(n).append("}\n");
    }
    byte[] gz = bytes(text.toString());
    // A slow network: 64 bytes every 40 ms, so a few KB of gzip take a few seconds.
    java.io.InputStream slow =
        new java.io.FilterInputStream(new ByteArrayInputStream(gz)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            try {
              Thread.sleep(40);
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException();
            }
            return super.read(b, off, Math.min(len, 64));
          }
        };
    java.util.concurrent.atomic.AtomicInteger ticks =
        new java.util.concurrent.atomic.AtomicInteger();
    long t0 = System.nanoTime();

    filter.filter(slow, null, "slow", ticks::incrementAndGet);

    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertThat(seconds).isGreaterThanOrEqualTo(2);
    assertThat(ticks.get()).isBetween((int) seconds - 1, (int) seconds + 1);
  }

  private record Output(ArchiveFilter.Result result, byte[] plain) {
    String text() {
      return new String(plain, StandardCharsets.UTF_8);
    }
  }

  private Output run(byte[] gzipped) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveFilter.Result result =
        filter.filter(new ByteArrayInputStream(gzipped), out, "test", () -> {});
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      return new Output(result, in.readAllBytes());
    }
  }

  private static byte[] bytes(String text) throws IOException {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }
}
