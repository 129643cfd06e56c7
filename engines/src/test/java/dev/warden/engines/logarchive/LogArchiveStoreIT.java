package dev.warden.engines.logarchive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;

@ExtendWith(DevStackExtension.class)
class LogArchiveStoreIT {

  private static final Logger log = LoggerFactory.getLogger(LogArchiveStoreIT.class);
  private static final TenantId ACME = TenantId.of("acme");
  private static final List<String> TENANTS = List.of("acme", "acme-eu", "acme2", "acm", "globex");

  private S3Fixture s3;
  private LogArchiveStore store;
  private Env env;
  private String day1;
  private String day2;

  @BeforeEach
  void seed() throws IOException {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    store = new LogArchiveStore(s3.s3(), s3.bucket(), new ObjectMapper());
    env = Env.of("t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    String logs = LogArchiveStore.envPrefix(env);
    day1 = logs + "2024/01/01/app-1.jsonl.gz";
    day2 = logs + "2024/01/02/app-2.jsonl.gz";
    put(day1, interleaved(400, 0) + "this line is not json\n");
    put(day2, interleaved(400, 400));
    put(logs + "2024/01/03/quiet.jsonl.gz", linesOf("acme-eu", 0, 50) + linesOf("acm", 50, 50));
    s3.put(logs + "notes.txt", "acme was here, but this is no archive");
    put(logs + "tenants/acme/2024/own.jsonl.gz", linesOf("acme", 0, 30));
    s3.put(logs + "tenants/acme/2024/own.log", "acme's own plain log");
    put(logs + "tenants/acme-eu/2024/own.jsonl.gz", linesOf("acme-eu", 0, 30));
    put("logs/" + env + "x/2024/app.jsonl.gz", interleaved(50, 0)); // another env
    put("logs/" + env + "-eu/2024/app.jsonl.gz", interleaved(50, 0)); // prefix collision
  }

  @AfterEach
  void cleanUp() {
    for (String prefix : List.of("", "x", "-eu")) {
      s3.s3()
          .listObjectsV2Paginator(l -> l.bucket(s3.bucket()).prefix("logs/" + env + prefix + "/"))
          .contents()
          .forEach(o -> s3.s3().deleteObject(d -> d.bucket(s3.bucket()).key(o.key())));
    }
    s3.close();
  }

  @Test
  void givenInterleavedArchives_whenAcmeIsPurged_thenOnlyItsLinesGoAndOthersKeepTheirOrder()
      throws IOException {
    String day1Before = read(day1);
    String day2Before = read(day2);
    Map<String, String> untouched = s3.snapshot("logs/");
    List.of(day1, day2).forEach(untouched::remove);
    untouched
        .keySet()
        .removeIf(k -> k.startsWith(LogArchiveStore.envPrefix(env) + "tenants/acme/"));
    assertThat(store.countLines(ACME, env)).isEqualTo(160);

    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(read(day1)).isEqualTo(withoutAcme(day1Before));
    assertThat(read(day2)).isEqualTo(withoutAcme(day2Before));
    Map<String, String> after = s3.snapshot("logs/");
    after.remove(day1);
    after.remove(day2);
    assertThat(after).isEqualTo(untouched);
    assertThat(done.lastKey())
        .isEqualTo(LogArchiveStore.envPrefix(env) + "2024/01/03/quiet.jsonl.gz");
    assertThat(done.archivesScanned()).isEqualTo(3);
    assertThat(done.archivesRewritten()).isEqualTo(2);
    assertThat(done.linesRemoved()).isEqualTo(160);
    assertThat(done.bytesRemoved())
        .isEqualTo(
            day1Before.length() + day2Before.length() - read(day1).length() - read(day2).length());
    assertThat(done.objectsDeleted()).isEqualTo(2);
    assertThat(done.unattributable()).isEqualTo(1);
    assertThat(store.countLines(ACME, env)).isZero();
    assertThat(store.countTenantObjects(ACME, env)).isZero();
    assertThat(store.countLines(TenantId.of("acme-eu"), env)).isEqualTo(210);
  }

  @Test
  void givenAPurgedEnv_whenPurgedAgain_thenNothingIsRewrittenOrDeleted() {
    store.purge(ACME, env, ArchiveCursor.START, c -> {});
    Map<String, String> before = s3.snapshot("logs/");

    ArchiveCursor again = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(again).isEqualTo(new ArchiveCursor(again.lastKey(), 3, 0, 0, 0, 0, 1, 0, 3));
    assertThat(s3.snapshot("logs/")).isEqualTo(before);
  }

  @Test
  void givenAPurgeStoppedAfterOneArchive_whenResumed_thenTotalsAreCountedOnce() {
    List<ArchiveCursor> heartbeats = new ArrayList<>();
    ArchiveListener killSwitch =
        c -> {
          heartbeats.add(c);
          if (c.archivesScanned() == 1) {
            throw new IllegalStateException("kill switch engaged");
          }
        };
    assertThatThrownBy(() -> store.purge(ACME, env, ArchiveCursor.START, killSwitch))
        .hasMessage("kill switch engaged");
    ArchiveCursor last = heartbeats.get(heartbeats.size() - 1);
    assertThat(last.lastKey()).isEqualTo(day1);

    ArchiveCursor done = store.purge(ACME, env, last, c -> {});

    assertThat(done.archivesScanned()).isEqualTo(3);
    assertThat(done.archivesRewritten()).isEqualTo(2);
    assertThat(done.linesRemoved()).isEqualTo(160);
    assertThat(done.objectsDeleted()).isEqualTo(2);
    assertThat(store.countLines(ACME, env)).isZero();
  }

  @Test
  void givenALargeArchive_whenPurged_thenItIsStreamedAndTimed() throws IOException {
    String big = LogArchiveStore.envPrefix(env) + "2024/02/01/big.jsonl.gz";
    StringBuilder lines = new StringBuilder();
    for (int chunk = 0; chunk < 50; chunk++) {
      lines.append(interleaved(4_000, chunk * 4_000));
    }
    put(big, lines.toString());

    long t0 = System.nanoTime();
    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});
    double seconds = (System.nanoTime() - t0) / 1e9;

    log.info(
        "Scanned {} archives ({} MB of lines) in {} s, removed {} lines",
        done.archivesScanned(),
        lines.length() / 1_000_000,
        seconds,
        done.linesRemoved());
    assertThat(done.linesRemoved()).isEqualTo(160 + 40_000);
    assertThat(read(big)).isEqualTo(withoutAcme(lines.toString()));
  }

  /** {@code count} lines cycling through acme, acme-eu, acme2, acm and globex. */
  private static String interleaved(int count, int firstSeq) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(line(TENANTS.get(i % TENANTS.size()), firstSeq + i));
    }
    return out.toString();
  }

  private static String linesOf(String tenant, int firstSeq, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(line(tenant, firstSeq + i));
    }
    return out.toString();
  }

  // globex's message mentions acme: only the tenant_id field may decide.
  private static String line(String tenant, int seq) {
    return "{\"ts\":\"2024-01-01T00:00:%02dZ\",\"tenant_id\":\"%s\",\"seq\":%d,\"msg\":\"%s\"}\n"
        .formatted(seq % 60, tenant, seq, tenant.equals("globex") ? "saw acme" : "ok");
  }

  private static String withoutAcme(String text) {
    return text.lines()
        .filter(l -> !l.contains("\"tenant_id\":\"acme\""))
        .map(l -> l + "\n")
        .collect(Collectors.joining());
  }

  private void put(String key, String lines) throws IOException {
    byte[] gz = ArchiveFilterTest.gzip(lines.getBytes(StandardCharsets.UTF_8));
    s3.s3().putObject(p -> p.bucket(s3.bucket()).key(key), RequestBody.fromBytes(gz));
  }

  private String read(String key) throws IOException {
    byte[] gz = s3.s3().getObjectAsBytes(g -> g.bucket(s3.bucket()).key(key)).asByteArray();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
