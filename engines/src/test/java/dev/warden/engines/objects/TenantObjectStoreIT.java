package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.S3Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class TenantObjectStoreIT {

  private S3Fixture s3;
  private TenantObjectStore store;
  private final TenantId acme = TenantId.of("acme");

  @BeforeEach
  void seed() {
    s3 = new S3Fixture(DevStackExtension.endpoints());
    s3.clear();
    store = new TenantObjectStore(s3.s3(), s3.bucket());
    for (String tenant : List.of("acme-eu", "acme2", "acm")) {
      s3.put("tenants/" + tenant + "/uploads/a.txt", "data of " + tenant);
      s3.put("tenants/" + tenant + "/packs/p1.bin", "pack of " + tenant);
    }
    s3.put("tenants/acme.txt", "a file that merely starts with the tenant id");
    s3.put("other/acme/x", "acme under another root");
  }

  @AfterEach
  void close() {
    s3.close();
  }

  @Test
  void givenNeighbouringTenants_whenAcmeIsPurged_thenOnlyItsFolderGoesAndTheRestIsByteIdentical() {
    IntStream.range(0, 25).forEach(i -> s3.put("tenants/acme/uploads/f" + i, "x".repeat(i)));
    Map<String, String> others = without(s3.snapshot(""), "tenants/acme/");

    StorageCursor end = store.purge(acme, StorageCursor.START, 10, c -> {});

    assertThat(end.objects()).isEqualTo(25);
    assertThat(end.bytes()).isEqualTo(IntStream.range(0, 25).sum());
    assertThat(end.pages()).isEqualTo(3);
    assertThat(s3.snapshot("tenants/acme/")).isEmpty();
    assertThat(s3.snapshot("")).isEqualTo(others);
    assertThat(store.measure(acme)).isEqualTo(new TenantObjectStore.Usage(0, 0));
  }

  @Test
  void givenMoreThanOneBatch_whenPurged_thenDeleteObjectsIsCalledInBatchesOfAtMostAThousand() {
    IntStream.range(0, 2_345).forEach(i -> s3.put("tenants/acme/f%05d".formatted(i), "."));
    List<StorageCursor> pages = new ArrayList<>();

    StorageCursor end = store.purge(acme, StorageCursor.START, 5_000, pages::add);

    assertThat(end.objects()).isEqualTo(2_345);
    assertThat(pages).extracting(StorageCursor::objects).containsExactly(1_000L, 2_000L, 2_345L);
    assertThat(store.measure(acme).objects()).isZero();
  }

  @Test
  void givenConcurrency_whenPurged_thenRoundsOfParallelBatchesDeleteEverythingOnce() {
    IntStream.range(0, 2_345)
        .parallel()
        .forEach(i -> s3.put("tenants/acme/f%05d".formatted(i), ".."));
    List<StorageCursor> rounds = new ArrayList<>();

    StorageCursor end =
        store.purge(acme, KeyRange.ALL, StorageCursor.START, 100, 4, PageJournal.NONE, rounds::add);

    assertThat(end.objects()).isEqualTo(2_345);
    assertThat(end.bytes()).isEqualTo(2 * 2_345);
    assertThat(rounds)
        .extracting(StorageCursor::objects)
        .containsExactly(400L, 800L, 1_200L, 1_600L, 2_000L, 2_345L);
    assertThat(store.measure(acme).objects()).isZero();
    assertThat(s3.snapshot("tenants/acme-eu/")).hasSize(2);
  }

  @Test
  void givenACursorFromAnEarlierAttempt_whenResumed_thenItStartsAfterItsLastKeyAndKeepsCounting() {
    IntStream.range(0, 10).forEach(i -> s3.put("tenants/acme/f" + i, "12345"));
    StorageCursor earlier = new StorageCursor("tenants/acme/f4", 5, 25, 1);

    StorageCursor end = store.purge(acme, earlier, 100, c -> {});

    // f0..f4 were "deleted by the earlier attempt" in this scenario, so the resumed run must not
    // list them again: they are still there, proving it did not start from zero.
    assertThat(s3.snapshot("tenants/acme/"))
        .containsOnlyKeys(
            "tenants/acme/f0",
            "tenants/acme/f1",
            "tenants/acme/f2",
            "tenants/acme/f3",
            "tenants/acme/f4");
    assertThat(end).isEqualTo(new StorageCursor("tenants/acme/f9", 10, 50, 2));
  }

  @Test
  void givenAListenerThatStopsTheWork_whenPurging_thenItStopsAtAPageBoundary() {
    IntStream.range(0, 30).forEach(i -> s3.put("tenants/acme/f%02d".formatted(i), "."));
    RuntimeException stop = new IllegalStateException("kill switch engaged");

    try {
      store.purge(
          acme,
          StorageCursor.START,
          10,
          c -> {
            throw stop;
          });
    } catch (IllegalStateException expected) {
      assertThat(expected).isSameAs(stop);
    }

    assertThat(store.measure(acme).objects()).isEqualTo(20);
  }

  @Test
  void givenKeysAcrossFolders_whenEveryRangeOfAPlanIsPurged_thenAllGoOnceAndNeighboursStay() {
    List<String> keys = new ArrayList<>();
    IntStream.range(0, 600)
        .forEach(i -> keys.add("tenants/acme/uploads/" + java.util.UUID.randomUUID() + "/f"));
    // keys equal to boundaries of a 16-way hex split, outside hex, and straight under the prefix
    keys.addAll(List.of("tenants/acme/uploads/8", "tenants/acme/uploads/Z", "tenants/acme/readme"));
    IntStream.range(0, 30).forEach(i -> keys.add("tenants/acme/packs/p" + i));
    keys.parallelStream().forEach(k -> s3.put(k, "12"));
    Map<String, String> others = without(s3.snapshot(""), "tenants/acme/");
    // more ranges than the folders alone would give, as for a large tenant (the split is by hex)
    List<KeyRange> ranges =
        KeyRangePlanner.ranges(
            "tenants/acme/",
            List.of(
                new KeyRangePlanner.Folder("tenants/acme/packs/", false),
                new KeyRangePlanner.Folder("tenants/acme/uploads/", true)),
            16);
    assertThat(store.ranges(acme, 16)).hasSize(2); // both folders hold under a page: one range each

    long objects = 0;
    for (KeyRange range : ranges) {
      objects +=
          store.purge(acme, range, StorageCursor.START, 50, 2, PageJournal.NONE, c -> {}).objects();
    }

    assertThat(objects).isEqualTo(keys.size());
    assertThat(s3.snapshot("tenants/acme/")).isEmpty();
    assertThat(s3.snapshot("")).isEqualTo(others);
  }

  @Test
  void givenARange_whenPurged_thenOnlyItsKeysGoAndAResumeStartsAfterTheCursor() {
    IntStream.range(0, 16)
        .forEach(i -> s3.put("tenants/acme/" + Integer.toHexString(i) + "x", "."));
    KeyRange middle = new KeyRange("tenants/acme/4", "tenants/acme/8");

    StorageCursor end =
        store.purge(
            acme,
            middle,
            new StorageCursor("tenants/acme/5x", 2, 2, 1),
            2,
            1,
            PageJournal.NONE,
            c -> {});

    // 4x and 5x count as deleted by the earlier attempt; 6x and 7x go; 8x sorts after "8"
    assertThat(end.objects()).isEqualTo(2 + 2);
    assertThat(s3.snapshot("tenants/acme/").keySet())
        .doesNotContain("tenants/acme/6x", "tenants/acme/7x")
        .contains("tenants/acme/4x", "tenants/acme/5x", "tenants/acme/8x", "tenants/acme/3x");
  }

  @Test
  void givenARangeOutsideTheTenant_whenPurged_thenItIsRefusedBeforeAnyListing() {
    s3.put("tenants/acme-eu/uploads/z", "neighbour");
    KeyRange foreign = new KeyRange("tenants/acme-eu/", null);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> store.purge(acme, foreign, StorageCursor.START, 10, 1, PageJournal.NONE, c -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s3.snapshot("tenants/acme-eu/")).hasSize(3);
  }

  private static Map<String, String> without(Map<String, String> all, String prefix) {
    Map<String, String> rest = new java.util.TreeMap<>(all);
    rest.keySet().removeIf(k -> k.startsWith(prefix));
    return rest;
  }
}
