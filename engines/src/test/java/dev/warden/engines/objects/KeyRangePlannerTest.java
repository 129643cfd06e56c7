package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.objects.KeyRangePlanner.Folder;
import dev.warden.engines.s3.TenantPrefix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The partition of a tenant's prefix: every key in exactly one range, whatever keys exist. */
class KeyRangePlannerTest {

  private static final String ACME = "tenants/acme/";
  private static final List<Folder> FOLDERS =
      List.of(
          new Folder(ACME + "packs/", false),
          new Folder(ACME + "reports/", true),
          new Folder(ACME + "uploads/", true));

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 7, 16, 17, 64, 255, 256})
  void givenAnyShardCount_whenPlanned_thenEveryKeyIsInExactlyOneRange(int shards) {
    List<KeyRange> ranges = KeyRangePlanner.ranges(ACME, FOLDERS, shards);

    assertThat(ranges).hasSizeLessThanOrEqualTo(shards);
    assertThat(ranges.get(0).after()).isNull();
    assertThat(ranges.get(ranges.size() - 1).upTo()).isNull();
    for (String key : awkwardKeys()) {
      assertThat(ranges.stream().filter(r -> r.contains(key)).count()).as(key).isEqualTo(1);
    }
  }

  @Test
  void givenBoundaries_whenRangesAreListed_thenEachStartsWhereThePreviousEnded() {
    List<KeyRange> ranges = KeyRangePlanner.ranges(ACME, FOLDERS, 16);

    assertThat(ranges).hasSize(16);
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).after()).isEqualTo(ranges.get(i - 1).upTo());
    }
    // the small folder gets one range; the two large ones share the other 15 by hex digits
    assertThat(ranges).contains(new KeyRange(null, ACME + "reports/"));
    assertThat(ranges.stream().map(KeyRange::upTo))
        .contains(ACME + "reports/2", ACME + "uploads/", ACME + "uploads/2");
  }

  @Test
  void givenUuidKeys_whenSplitSixteenWays_thenEachRangeHoldsAboutASixteenth() {
    List<KeyRange> ranges =
        KeyRangePlanner.ranges(ACME, List.of(new Folder(ACME + "uploads/", true)), 16);
    Random random = new Random(13);
    int[] counts = new int[ranges.size()];
    for (int i = 0; i < 16_000; i++) {
      String key = ACME + "uploads/" + new UUID(random.nextLong(), random.nextLong()) + "/f.bin";
      for (int r = 0; r < ranges.size(); r++) {
        if (ranges.get(r).contains(key)) {
          counts[r]++;
        }
      }
    }
    assertThat(Arrays.stream(counts).sum()).isEqualTo(16_000);
    assertThat(Arrays.stream(counts).boxed().toList())
        .allSatisfy(c -> assertThat(c).isBetween(800, 1_200));
  }

  @Test
  void givenLargeFoldersOfDifferentSizes_whenPlanned_thenRangesFollowTheirEstimatedSizes() {
    List<KeyRange> ranges =
        KeyRangePlanner.ranges(
            ACME,
            List.of(
                new Folder(ACME + "packs/", 200),
                new Folder(ACME + "reports/", 1_800),
                new Folder(ACME + "uploads/", 18_000)),
            16);

    assertThat(ranges).hasSize(16);
    assertThat(
            ranges.stream().filter(r -> r.upTo() != null && r.upTo().startsWith(ACME + "uploads/")))
        .hasSize(13); // 12 hex splits of uploads/ plus the range that ends at its name
    assertThat(
            ranges.stream().filter(r -> r.upTo() != null && r.upTo().startsWith(ACME + "reports/")))
        .hasSize(2);
  }

  @Test
  void givenTheLastKeyOfAFullPage_whenEstimated_thenHexNamesGiveTheFolderSize() {
    // 1,000 random UUIDs out of 16,000 reach about 1/16 into the hex space
    assertThat(KeyRangePlanner.estimate(ACME + "uploads/", ACME + "uploads/0fffff/f.bin", 1_000))
        .isEqualTo(16_000);
    assertThat(KeyRangePlanner.estimate(ACME + "packs/", ACME + "packs/p0001000.bin", 1_000))
        .isEqualTo(1_000);
  }

  @Test
  void givenManyFoldersAndFewShards_whenPlanned_thenBoundariesAreFolderNames() {
    List<Folder> folders = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      folders.add(new Folder(ACME + "d%02d/".formatted(i), true));
    }

    List<KeyRange> ranges = KeyRangePlanner.ranges(ACME, folders, 4);

    assertThat(ranges).hasSize(4);
    assertThat(ranges.get(0).upTo()).isEqualTo(ACME + "d10/");
    assertThat(ranges.get(0).contains(ACME + "d09/x")).isTrue();
    assertThat(ranges.get(1).contains(ACME + "d10/x")).isTrue();
  }

  @Test
  void givenKeysAboveTheBasicPlane_whenCompared_thenTheOrderIsS3sUtf8ByteOrder() {
    List<String> keys = new ArrayList<>(List.of("a\uFFFD", "a\uD83D\uDE00", "a", "ab", "a\u00E9"));
    keys.sort(KeyRange::compare);
    List<String> byBytes = new ArrayList<>(keys);
    byBytes.sort(
        (x, y) ->
            Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    assertThat(keys).isEqualTo(byBytes);
    // String.compareTo would put the emoji (a surrogate pair) before U+FFFD
    assertThat("a\uD83D\uDE00".compareTo("a\uFFFD")).isNegative();
    assertThat(KeyRange.compare("a\uD83D\uDE00", "a\uFFFD")).isPositive();
  }

  @Test
  void givenAFolderOneByteShortOfTheKeyLimit_whenSkippedAndSplit_thenEveryBoundIsAValidKey() {
    String folder = ACME + "d".repeat(KeyRangePlanner.MAX_KEY_BYTES - ACME.length() - 2) + "/";

    String past = KeyRangePlanner.pastFolder(folder);
    List<KeyRange> ranges = KeyRangePlanner.ranges(ACME, List.of(new Folder(folder, true)), 256);

    assertThat(past).hasSize(folder.length()).endsWith("d0");
    assertThat(KeyRange.compare(past, folder + "\uDBFF\uDFFF")).isPositive();
    // room for one more byte: the 255 two-digit splits fold into 16 one-digit ones
    assertThat(ranges).hasSize(17);
    assertThat(ranges)
        .allSatisfy(
            r ->
                assertThat(r.upTo() == null ? 0 : r.upTo().length())
                    .isLessThanOrEqualTo(KeyRangePlanner.MAX_KEY_BYTES));
  }

  @Test
  void givenBadInput_whenPlannedOrBuilt_thenItIsRefusedAtOnce() {
    assertThatThrownBy(() -> KeyRangePlanner.ranges(ACME, FOLDERS, 0))
        .hasMessage("shards must be between 1 and 256, got 0");
    assertThatThrownBy(() -> KeyRangePlanner.ranges(ACME, FOLDERS, 257))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyRange(ACME + "b", ACME + "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenNeighboursWhoseIdsExtendAcme_whenAcmesRangesAreListed_thenNoneHoldsTheirKeys() {
    // the ranges bound keys within the listing's prefix; the prefix (with '/') excludes acme-eu
    TenantPrefix acme = new TenantPrefix(dev.warden.engines.tenant.TenantId.of("acme"));
    for (KeyRange range : KeyRangePlanner.ranges(ACME, FOLDERS, 256)) {
      for (String bound : new String[] {range.after(), range.upTo()}) {
        assertThat(bound == null || acme.owns(bound)).isTrue();
      }
    }
    assertThat(acme.owns("tenants/acme-eu/uploads/0")).isFalse();
  }

  private static List<String> awkwardKeys() {
    List<String> keys = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      keys.add(ACME + "uploads/" + new UUID(random.nextLong(), random.nextLong()) + "/a.txt");
    }
    for (String folder : List.of("", "packs/", "reports/", "uploads/", "zeta/", "Uploads/")) {
      keys.add(ACME + folder);
      for (String tail :
          List.of("0", "1", "8", "f", "f/", "ff", "g", "Z", "~", "\u00E9", "\uD83D\uDE00", "0/x")) {
        keys.add(ACME + folder + tail);
      }
    }
    for (KeyRange range : KeyRangePlanner.ranges(ACME, FOLDERS, 256)) {
      if (range.upTo() != null) {
        keys.add(range.upTo()); // keys equal to a boundary
        keys.add(range.upTo() + "0");
      }
    }
    return keys;
  }
}
