package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.S3ProxyServer;
import dev.warden.devstack.StoreKind;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * Runs against an extra S3Proxy with the transient store: the devstack's filesystem store answers
 * PutBucketVersioning with NotImplemented.
 */
class VersionedObjectStoreIT {

  private static final TenantId ACME = TenantId.of("acme");

  private static S3ProxyServer proxy;
  private static S3Client s3;
  private String bucket;
  private VersionedObjectStore store;
  private long acmeBytes;

  @BeforeAll
  static void startProxy() {
    proxy = S3ProxyServer.start(0, StoreKind.TRANSIENT, null, "versioned", "versioned-secret");
    s3 = S3Fixture.client(proxy.endpoint(), "versioned", "versioned-secret");
  }

  @AfterAll
  static void stopProxy() {
    s3.close();
    proxy.close();
  }

  @BeforeEach
  void seed() {
    bucket = "versioned-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    s3.createBucket(c -> c.bucket(bucket));
    store = new VersionedObjectStore(s3, bucket);
    assertThat(store.versioningEnabled()).isFalse();
    setVersioning(BucketVersioningStatus.ENABLED);
    acmeBytes = 0;
    for (int i = 0; i < 12; i++) {
      String key = "tenants/acme/uploads/f%02d".formatted(i);
      for (int v = 1; v <= 3; v++) {
        acmeBytes += put(key, "v" + v + "-" + "x".repeat(i));
      }
      if (i % 4 == 0) {
        s3.deleteObject(d -> d.bucket(bucket).key(key)); // a delete marker over 3 versions
      }
    }
    acmeBytes += put("tenants/acme/packs/p.bin", "pack");
    for (String other : List.of("acme-eu", "acme2", "acm")) {
      for (String name : List.of("a.txt", "b.txt")) {
        String key = "tenants/" + other + "/" + name;
        put(key, "one " + other);
        put(key, "two " + other);
      }
      s3.deleteObject(d -> d.bucket(bucket).key("tenants/" + other + "/b.txt"));
    }
  }

  @Test
  void givenVersionsAndDeleteMarkers_whenAcmeIsPurged_thenAllOfThemGoAndNeighboursKeepTheirs() {
    List<String> neighboursBefore = allVersionsExceptAcme();
    assertThat(store.countVersions(ACME)).isEqualTo(12 * 3 + 3 + 1);
    List<StorageCursor> pages = new ArrayList<>();

    StorageCursor done = store.purgeAllVersions(ACME, StorageCursor.START, 7, pages::add);

    assertThat(done.objects()).isEqualTo(40);
    assertThat(done.bytes()).isEqualTo(acmeBytes);
    assertThat(done.pages()).isEqualTo(pages.size()).isGreaterThanOrEqualTo(6);
    assertThat(store.countVersions(ACME)).isZero();
    assertThat(allVersionsExceptAcme()).isEqualTo(neighboursBefore).hasSize(3 * 5);
  }

  @Test
  void givenAPurgeStoppedAfterOnePage_whenResumed_thenEveryVersionIsCountedOnce() {
    List<StorageCursor> heartbeats = new ArrayList<>();
    PageListener killSwitch =
        c -> {
          heartbeats.add(c);
          throw new IllegalStateException("kill switch engaged");
        };
    assertThatThrownBy(() -> store.purgeAllVersions(ACME, StorageCursor.START, 10, killSwitch))
        .hasMessage("kill switch engaged");
    StorageCursor last = heartbeats.get(0);
    assertThat(last.objects()).isEqualTo(10);

    StorageCursor done = store.purgeAllVersions(ACME, last, 10, c -> {});

    assertThat(done.objects()).isEqualTo(40);
    assertThat(done.bytes()).isEqualTo(acmeBytes);
    assertThat(store.countVersions(ACME)).isZero();
  }

  @Test
  void givenRangesOfAPlan_whenEachIsPurged_thenEveryVersionGoesOnceAndNeighboursKeepTheirs() {
    List<String> neighboursBefore = allVersionsExceptAcme();
    // keys equal to a boundary of the 16-way split, with several versions each
    for (String key :
        List.of("tenants/acme/uploads/8", "tenants/acme/uploads/f", "tenants/acme/z")) {
      acmeBytes += put(key, "one") + put(key, "two");
    }
    List<KeyRange> ranges =
        KeyRangePlanner.ranges(
            "tenants/acme/",
            List.of(
                new KeyRangePlanner.Folder("tenants/acme/packs/", false),
                new KeyRangePlanner.Folder("tenants/acme/uploads/", true)),
            16);

    long versions = 0;
    long bytes = 0;
    for (KeyRange range : ranges) {
      StorageCursor done =
          store.purgeAllVersions(ACME, range, StorageCursor.START, 2, PageJournal.NONE, c -> {});
      versions += done.objects();
      bytes += done.bytes();
    }

    assertThat(versions).isEqualTo(40 + 6);
    assertThat(bytes).isEqualTo(acmeBytes);
    assertThat(store.countVersions(ACME)).isZero();
    assertThat(allVersionsExceptAcme()).isEqualTo(neighboursBefore);
  }

  @Test
  void givenOneRange_whenPurged_thenVersionsOutsideItStay() {
    KeyRange f00toF05 = new KeyRange("tenants/acme/uploads/", "tenants/acme/uploads/f05");

    StorageCursor done =
        store.purgeAllVersions(ACME, f00toF05, StorageCursor.START, 5, PageJournal.NONE, c -> {});

    // f00..f05: 3 versions each, plus delete markers on f00 and f04
    assertThat(done.objects()).isEqualTo(6 * 3 + 2);
    assertThat(store.countVersions(ACME)).isEqualTo(40 - 20);
  }

  @Test
  void givenSuspendedVersioning_whenAsked_thenVersionsMayStillExist() {
    setVersioning(BucketVersioningStatus.SUSPENDED);

    assertThat(store.versioningEnabled()).isTrue();
  }

  private long put(String key, String content) {
    s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content));
    return content.length();
  }

  private void setVersioning(BucketVersioningStatus status) {
    s3.putBucketVersioning(p -> p.bucket(bucket).versioningConfiguration(v -> v.status(status)));
  }

  /** key, version id, size (or "marker") and latest flag of every version outside tenants/acme/. */
  private List<String> allVersionsExceptAcme() {
    List<String> out = new ArrayList<>();
    for (ListObjectVersionsResponse page :
        s3.listObjectVersionsPaginator(l -> l.bucket(bucket).prefix("tenants/"))) {
      page.versions()
          .forEach(
              v -> out.add(v.key() + " " + v.versionId() + " " + v.size() + " " + v.isLatest()));
      page.deleteMarkers()
          .forEach(m -> out.add(m.key() + " " + m.versionId() + " marker " + m.isLatest()));
    }
    out.removeIf(s -> s.startsWith("tenants/acme/"));
    return out.stream().sorted().toList();
  }
}
