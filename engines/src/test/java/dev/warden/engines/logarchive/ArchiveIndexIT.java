package dev.warden.engines.logarchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.S3Fixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The archive index on the real servers: a purge reads only the archives that hold the tenant or
 * that the index does not know at their ETag; the audit catches a row that lies.
 */
@ExtendWith(DevStackExtension.class)
class ArchiveIndexIT {

  static final TenantId ACME = TenantId.of("acme");
  static final TenantId ACME_EU = TenantId.of("acme-eu");

  S3Fixture s3;
  DbFixture db;
  PgArchiveIndex index;
  LogArchiveStore store;
  ArchiveIndexer indexer;
  Env env;

  @BeforeEach
  void setUp() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    db = new DbFixture(DevStackExtension.endpoints());
    index = new PgArchiveIndex(db.jdbc(), s3.bucket());
    ObjectMapper json = new ObjectMapper();
    store =
        new LogArchiveStore(s3.s3(), s3.bucket(), json, new ArchiveLeases(db.jdbc()), index, 1000);
    indexer = new ArchiveIndexer(s3.s3(), s3.bucket(), json, index, 1000);
    env = Env.of("i" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
  }

  @AfterEach
  void cleanUp() {
    s3.s3()
        .listObjectsV2Paginator(l -> l.bucket(s3.bucket()).prefix(LogArchiveStore.envPrefix(env)))
        .contents()
        .forEach(o -> s3.s3().deleteObject(d -> d.bucket(s3.bucket()).key(o.key())));
    s3.close();
  }

  @Test
  void givenFiftyIndexedArchivesWithAcmeInTwo_andOneUnindexed_whenPurged_thenOnlyThreeAreRead() {
    for (int n = 0; n < 50; n++) {
      String extra = n == 7 || n == 33 ? lines(ACME.value(), 3) : "";
      put(archive(n), lines("globex", 20) + extra + lines(ACME_EU.value(), 5));
    }
    assertThat(indexer.scan(env, () -> {}).read()).isEqualTo(50);
    assertThat(indexer.scan(env, () -> {}).read()).as("a second scan reads nothing").isZero();
    ArchiveCursor nobody = store.purge(TenantId.of("nobody"), env, ArchiveCursor.START, c -> {});
    assertThat(nobody.archivesRead()).as("an empty tenant reads no archive").isZero();
    assertThat(nobody.archivesScanned()).isEqualTo(50);
    put(archive(99), lines(ACME.value(), 4) + lines("initech", 2)); // lands after the scan

    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(done.archivesScanned()).isEqualTo(51);
    assertThat(done.archivesRead()).isEqualTo(3);
    assertThat(done.archivesRewritten()).isEqualTo(3);
    assertThat(done.linesRemoved()).isEqualTo(10);
    LogArchiveStore.LineCount left = store.count(ACME, env);
    assertThat(left.lines()).isZero();
    assertThat(left.archivesRead()).as("the rewrites were indexed as they were written").isZero();
    assertThat(store.count(ACME_EU, env).lines()).isEqualTo(250);
    assertThat(store.count(TenantId.of("initech"), env).lines()).isEqualTo(2);
  }

  @Test
  void givenRowsOfSeveralTenants_whenLookedUpForOne_thenEachRowSaysOnlyWhetherItHoldsThatOne() {
    String prefix = LogArchiveStore.envPrefix(env);
    var neighboursOnly = new ArchiveIndex.ArchiveObject(prefix + "a.jsonl.gz", "", "e1");
    var withAcme = new ArchiveIndex.ArchiveObject(prefix + "b.jsonl.gz", "", "e2");
    var unknown = new ArchiveIndex.ArchiveObject(prefix + "c.jsonl.gz", "", "e3");
    index.record(neighboursOnly, new ArchiveIndex.Contents(Set.of("acme-eu", "acm", "globex"), 2));
    index.record(withAcme, new ArchiveIndex.Contents(Set.of("acme", "acme-eu"), 0));
    List<ArchiveIndex.ArchiveObject> objects = List.of(neighboursOnly, withAcme, unknown);

    var narrowed = index.lookup(objects, ACME);

    assertThat(narrowed)
        .containsOnlyKeys(neighboursOnly, withAcme)
        .containsEntry(neighboursOnly, new ArchiveIndex.Contents(Set.of(), 2))
        .containsEntry(withAcme, new ArchiveIndex.Contents(Set.of("acme"), 0));
    assertThat(index.lookup(objects, ACME_EU).get(neighboursOnly).lacks(ACME_EU)).isFalse();
    assertThat(index.lookup(objects, TenantId.of("acm")).get(withAcme).lacks(TenantId.of("acm")))
        .isTrue();
    index
        .lookup(objects)
        .forEach((o, c) -> assertThat(narrowed.get(o)).isEqualTo(c.narrowedTo(ACME)));
  }

  @Test
  void givenAnArchiveChangedAfterItWasIndexed_whenPurged_thenTheStaleRowIsIgnoredAndItIsCleaned() {
    for (int n = 0; n < 3; n++) {
      put(archive(n), lines("globex", 5));
    }
    indexer.scan(env, () -> {});
    put(archive(1), lines("globex", 5) + lines(ACME.value(), 2)); // new ETag, row still says globex

    assertThat(store.count(ACME, env)).isEqualTo(new LogArchiveStore.LineCount(2, 1));
    ArchiveCursor done = store.purge(ACME, env, ArchiveCursor.START, c -> {});

    assertThat(done.archivesRead()).isEqualTo(1);
    assertThat(done.linesRemoved()).isEqualTo(2);
    assertThat(store.count(ACME, env)).isEqualTo(new LogArchiveStore.LineCount(0, 0));
  }

  @Test
  void givenATamperedRow_whenAudited_thenTheMismatchIsReportedRecordedAndRepaired() {
    put(archive(0), lines("globex", 5) + lines(ACME.value(), 2));
    put(archive(1), lines("globex", 5));
    indexer.scan(env, () -> {});
    db.jdbc()
        .sql("update archive_index set tenants = array['globex'] where archive_key = :key")
        .param("key", archive(0))
        .update();
    assertThat(store.countLines(ACME, env)).as("the lie is believed until audited").isZero();

    ArchiveIndexRuns runs =
        new ArchiveIndexRuns(
            db.dataSource(),
            indexer,
            index,
            new DatasetEventStore(db.jdbc(), new ObjectMapper()),
            Clock.systemUTC());
    ArchiveIndexer.Report report = runs.audit(env).orElseThrow();

    assertThat(report.read()).isEqualTo(2);
    assertThat(report.mismatches()).isEqualTo(1);
    assertThat(
            db.jdbc()
                .sql(
                    "select array_to_string(actual_tenants, ',') from archive_index_findings"
                        + " where archive_key = :key")
                .param("key", archive(0))
                .query(String.class)
                .list())
        .containsExactly("acme,globex");
    assertThat(
            db.jdbc()
                .sql(
                    "select count(*) from dataset_events"
                        + " where type = 'ARCHIVE_INDEX_MISMATCH' and env = :env")
                .param("env", env.value())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(store.countLines(ACME, env)).as("repaired: the archive is read again").isEqualTo(2);
    assertThat(store.purge(ACME, env, ArchiveCursor.START, c -> {}).linesRemoved()).isEqualTo(2);
  }

  @Test
  void givenAnotherWorkerRunningTheScan_whenThisOneStartsIt_thenItSkipsAndRunsOnceFree()
      throws Exception {
    put(archive(0), lines("globex", 5));
    ArchiveIndexRuns runs =
        new ArchiveIndexRuns(
            db.dataSource(),
            indexer,
            index,
            new DatasetEventStore(db.jdbc(), new ObjectMapper()),
            Clock.systemUTC());
    try (Connection other = db.dataSource().getConnection();
        PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
      lock.setString(1, "warden-archive-index/" + env.value());
      lock.execute();
      assertThat(runs.scan(env)).isEmpty();
    } // the other worker's connection is gone, and its lock with it
    assertThat(runs.scan(env)).hasValueSatisfying(r -> assertThat(r.read()).isEqualTo(1));
  }

  @Test
  void givenAnIndexedArchiveDeleted_whenScannedAgain_thenItsRowIsForgotten() {
    put(archive(0), lines("globex", 2));
    put(archive(1), lines("globex", 2));
    indexer.scan(env, () -> {});
    s3.s3().deleteObject(d -> d.bucket(s3.bucket()).key(archive(1)));

    indexer.scan(env, () -> {});

    assertThat(
            db.jdbc()
                .sql("select archive_key from archive_index where starts_with(archive_key, :p)")
                .param("p", LogArchiveStore.envPrefix(env))
                .query(String.class)
                .list())
        .containsExactly(archive(0));
  }

  @Test
  void givenAVersionedBucket_whenPurged_thenNoncurrentVersionsHoldingTheTenantAreStillFound() {
    S3Fixture devstack = s3;
    try (S3ProxyServer proxy =
            S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "logs", "logs-secret")
                .ensureBucket("versioned-index");
        S3Client versioned = S3Fixture.client(proxy.endpoint(), "logs", "logs-secret")) {
      versioned.putBucketVersioning(
          p ->
              p.bucket("versioned-index")
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      PgArchiveIndex vIndex = new PgArchiveIndex(db.jdbc(), "versioned-index-" + env);
      ObjectMapper json = new ObjectMapper();
      LogArchiveStore vStore =
          new LogArchiveStore(
              versioned, "versioned-index", json, ArchiveLocks.inProcess(), vIndex, 1000);
      s3 = new S3Fixture(versioned, "versioned-index");
      put(archive(0), lines(ACME.value(), 2) + lines("globex", 3)); // noncurrent, holds acme
      put(archive(0), lines("globex", 3));
      put(archive(1), lines("globex", 3));
      put(archive(1), lines("globex", 4));
      put(archive(2), lines("globex", 1));
      new ArchiveIndexer(versioned, "versioned-index", json, vIndex, 1000).scan(env, () -> {});
      put(archive(2), lines(ACME.value(), 1)); // a new version after the scan

      ArchiveCursor done = vStore.purge(ACME, env, ArchiveCursor.START, c -> {});

      assertThat(done.archivesRead()).as("archive 1 holds no acme in any version").isEqualTo(2);
      assertThat(done.versionsDeleted()).isEqualTo(2);
      assertThat(vStore.count(ACME, env)).isEqualTo(new LogArchiveStore.LineCount(0, 0));
      assertThat(vStore.countLines(TenantId.of("globex"), env)).isEqualTo(3 + 3 + 4 + 1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      s3 = devstack;
    }
  }

  String archive(int n) {
    return LogArchiveStore.envPrefix(env) + String.format("2026/11/%02d/app.jsonl.gz", n);
  }

  void put(String key, String content) {
    s3.s3().putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromBytes(gzip(content)));
  }

  static String lines(String tenant, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append("{\"tenant_id\":\"").append(tenant).append("\",\"n\":").append(i).append("}\n");
    }
    return out.toString();
  }

  static byte[] gzip(String content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
