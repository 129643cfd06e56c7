package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.objects.KeyRangePlanner.Folder;
import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The planner over generated key sets (deep folders, names up to S3's 1,024-byte limit, multi-byte
 * and supplementary characters, long shared prefixes, neighbours whose ids extend the tenant's):
 * every {@code StartAfter} it sends and every range bound it returns is a valid S3 key, and the
 * ranges, each listed as a shard lists it, hold every key of the tenant exactly once and no other.
 */
class KeyRangePlannerPropertyTest {

  static final String ACME = "tenants/acme/";
  static final List<String> NEIGHBOURS =
      List.of(
          "tenants/acme",
          "tenants/acme-eu/",
          "tenants/acme-eu/uploads/0",
          "tenants/acme.x/a",
          "tenants/acme0/a",
          "tenants/acmf/a",
          "tenants/acme\uDBFF\uDFFF/a");
  // the tenant's own keys just past a folder in byte order, which skipping the folder must not miss
  static final List<String> ADJACENT =
      List.of(ACME + "uploads0", ACME + "uploads0/a", ACME + "uploads.x/a", ACME + "packs0/a");

  @Property(tries = 300)
  void givenAnyKeySet_whenPlanned_thenBoundsAreValidKeysAndRangesPartitionTheTenant(
      @ForAll("keySets") List<String> keys,
      @ForAll @IntRange(min = 1, max = 256) int shards,
      @ForAll @IntRange(min = 1, max = 12) int pageSize,
      @ForAll boolean adjacent) {
    List<String> tenantKeys = new ArrayList<>(keys);
    if (adjacent) {
      tenantKeys.addAll(ADJACENT);
    }
    NavigableSet<String> store = new TreeSet<>(KeyRange::compare);
    store.addAll(tenantKeys);
    store.addAll(NEIGHBOURS);
    List<String> startAfters = new ArrayList<>();
    List<KeyListing.Page> pages = new ArrayList<>();
    KeyListing listing =
        (prefix, startAfter, max) -> {
          startAfters.add(startAfter);
          pages.add(page(store, prefix, startAfter, max));
          return pages.get(pages.size() - 1);
        };

    List<KeyRange> ranges =
        new KeyRangePlanner(listing, pageSize).plan(TenantId.of("acme"), shards);

    assertThat(startAfters).allSatisfy(KeyRangePlannerPropertyTest::assertValidOrOpen);
    for (int i = 1; i < pages.size(); i++) {
      assertSkipsOnlyTheFolderOf(store, last(pages.get(i - 1)), startAfters.get(i));
    }
    assertPartition(ranges, store, tenantKeys);
  }

  /**
   * Between one page's last key and the next StartAfter the planner may pass over the rest of that
   * key's first-level folder (it has seen the folder), and objects straight under the tenant's
   * prefix (the plan does not use them), never a key of another folder: no folder is missed.
   */
  private static void assertSkipsOnlyTheFolderOf(
      NavigableSet<String> store, String last, String startAfter) {
    if (KeyRange.compare(startAfter, last) <= 0) {
      return;
    }
    int slash = last.indexOf('/', ACME.length());
    String folder = slash < 0 ? null : last.substring(0, slash + 1);
    for (String skipped : store.subSet(last, false, startAfter, true)) {
      boolean direct = skipped.indexOf('/', ACME.length()) < 0;
      assertThat(direct || (folder != null && skipped.startsWith(folder)))
          .as("%s skipped by StartAfter %s", skipped, startAfter)
          .isTrue();
    }
  }

  private static String last(KeyListing.Page page) {
    return page.keys().get(page.keys().size() - 1);
  }

  @Property(tries = 300)
  void givenLargeFoldersWithLongNames_whenSplit_thenBoundsAreValidKeysAndPartitionTheTenant(
      @ForAll("folderSets") List<String> folders,
      @ForAll("keySets") List<String> keys,
      @ForAll @IntRange(min = 1, max = 256) int shards) {
    List<Folder> planned =
        folders.stream()
            .distinct()
            .sorted(KeyRange::compare)
            .map(f -> new Folder(f, true))
            .toList();
    NavigableSet<String> store = new TreeSet<>(KeyRange::compare);
    store.addAll(keys);
    store.addAll(NEIGHBOURS);
    List<String> tenantKeys = new ArrayList<>(keys);
    for (String folder : planned.stream().map(Folder::prefix).toList()) {
      // keys at and around every hex split of the folder, cut to the key limit
      for (String tail :
          List.of("", "0", "7", "7f", "8", "f", "ff", "g", "\uDBFF\uDFFF", "\u00E9")) {
        String key = Keys.truncate(folder + tail);
        store.add(key);
        tenantKeys.add(key);
      }
    }

    assertPartition(KeyRangePlanner.ranges(ACME, planned, shards), store, tenantKeys);
  }

  /** Each range listed as a shard lists it: under its listing prefix, after its lower bound. */
  private static void assertPartition(
      List<KeyRange> ranges, NavigableSet<String> store, List<String> tenantKeys) {
    List<String> found = new ArrayList<>();
    for (KeyRange range : ranges) {
      assertValidOrOpen(range.after());
      assertValidOrOpen(range.upTo());
      String listingPrefix = range.listingPrefix(ACME);
      assertThat(listingPrefix).startsWith(ACME);
      for (String key : page(store, listingPrefix, range.after(), Integer.MAX_VALUE).keys()) {
        if (range.beyond(key)) {
          break;
        }
        found.add(key);
      }
    }
    assertThat(found).allSatisfy(k -> assertThat(k).startsWith(ACME));
    assertThat(found).doesNotHaveDuplicates();
    assertThat(found).containsExactlyInAnyOrderElementsOf(tenantKeys.stream().distinct().toList());
  }

  private static void assertValidOrOpen(String bound) {
    if (bound != null) {
      assertThat(Keys.isValid(bound))
          .as("a valid S3 key (%d bytes UTF-8, well-formed)", Keys.utf8Length(bound))
          .isTrue();
    }
  }

  static KeyListing.Page page(
      NavigableSet<String> store, String prefix, String startAfter, int max) {
    List<String> out = new ArrayList<>();
    var tail = startAfter == null ? store : store.tailSet(startAfter, false);
    for (String key : tail) {
      if (KeyRange.compare(key, prefix) < 0) {
        continue;
      }
      if (!key.startsWith(prefix) || out.size() == max) {
        return new KeyListing.Page(out, out.size() == max && key.startsWith(prefix));
      }
      out.add(key);
    }
    return new KeyListing.Page(out, false);
  }

  @Provide
  @SuppressWarnings("unchecked")
  Arbitrary<List<String>> keySets() {
    Arbitrary<String> key =
        Combinators.combine(folders(), Keys.pieces(), Keys.padding(), Keys.fillers())
            .as((folder, name, pad, fill) -> Keys.truncate(Keys.pad(folder + name, pad, fill)));
    Arbitrary<String> marker = folders().map(Keys::truncate);
    return Arbitraries.frequencyOf(Tuple.of(9, key), Tuple.of(1, marker))
        .list()
        .ofMinSize(1)
        .ofMaxSize(120);
  }

  @Provide
  Arbitrary<List<String>> folderSets() {
    return folders()
        .filter(f -> Keys.utf8Length(f) <= Keys.MAX_BYTES)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  // tenants/acme/ + 1-8 levels, often one of a few shared first levels, sometimes padded to near
  // the key limit (a long shared prefix); a padded first level gives folders the planner skips
  // past with only a few bytes to spare
  private static Arbitrary<String> folders() {
    Arbitrary<String> longFirst =
        Combinators.combine(Arbitraries.integers().between(990, 1_010), Keys.fillers())
            .as((pad, fill) -> Keys.truncate(Keys.pad("d", pad, fill), pad) + "/");
    Arbitrary<String> first =
        Arbitraries.oneOf(
            Arbitraries.of("uploads/", "packs/", "r\u00E9ports/", "\uD83D\uDE00/"), longFirst);
    return Combinators.combine(
            first, Keys.pieces().list().ofMaxSize(7), Keys.padding(), Keys.fillers())
        .as(
            (top, levels, pad, fill) -> {
              String path = ACME + top + String.join("/", levels) + (levels.isEmpty() ? "" : "/");
              return Keys.pad(path, pad, fill) + (pad > 0 ? "/" : "");
            })
        .map(f -> Keys.utf8Length(f) <= Keys.MAX_BYTES ? f : Keys.truncate(f));
  }
}
