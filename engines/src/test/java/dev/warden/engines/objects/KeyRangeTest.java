package dev.warden.engines.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A range's listing prefix: as narrow as its bounds allow, never missing one of its keys. */
class KeyRangeTest {

  private static final String ACME = "tenants/acme/";

  @Test
  void givenOpenBounds_whenListed_thenTheTenantFolderIsThePrefix() {
    assertThat(KeyRange.ALL.listingPrefix(ACME)).isEqualTo(ACME);
    assertThat(new KeyRange(null, ACME + "uploads/5").listingPrefix(ACME)).isEqualTo(ACME);
    assertThat(new KeyRange(ACME + "uploads/5", null).listingPrefix(ACME)).isEqualTo(ACME);
  }

  @Test
  void givenBoundsInsideOneFolder_whenListed_thenTheirCommonPrefixIsThePrefix() {
    assertThat(new KeyRange(ACME + "uploads/01", ACME + "uploads/02").listingPrefix(ACME))
        .isEqualTo(ACME + "uploads/0");
    assertThat(new KeyRange(ACME + "uploads/", ACME + "uploads/1").listingPrefix(ACME))
        .isEqualTo(ACME + "uploads/");
    assertThat(new KeyRange(ACME + "packs/", ACME + "uploads/").listingPrefix(ACME))
        .isEqualTo(ACME);
  }

  @Test
  void givenABoundEqualToTheFolder_whenListed_thenTheFolderIsThePrefix() {
    assertThat(new KeyRange(ACME, ACME + "uploads/").listingPrefix(ACME)).isEqualTo(ACME);
  }

  @Test
  void givenMultiByteBounds_whenListed_thenThePrefixEndsOnAWholeCharacter() {
    // é and ê share their first UTF-8 byte (C3); 😀 and 😁 their UTF-16 high surrogate.
    assertThat(new KeyRange(ACME + "r/é", ACME + "r/ê").listingPrefix(ACME)).isEqualTo(ACME + "r/");
    String grin = new String(Character.toChars(0x1F600));
    String beam = new String(Character.toChars(0x1F601));
    String prefix = new KeyRange(ACME + "x" + grin, ACME + "x" + beam).listingPrefix(ACME);
    assertThat(prefix).isEqualTo(ACME + "x");
    assertThat(Character.isHighSurrogate(prefix.charAt(prefix.length() - 1))).isFalse();
  }

  @Test
  void givenABoundOutsideTheFolder_whenListed_thenTheFolderIsThePrefix() {
    assertThat(new KeyRange("tenants/acme-eu/a", "tenants/acme-eu/b").listingPrefix(ACME))
        .isEqualTo(ACME);
  }

  @Test
  void givenRandomKeysAndBounds_whenListed_thenEveryKeyOfTheRangeHasThePrefix() {
    Random random = new Random(13);
    String[] alphabet = {"0", "1", "9", "a", "f", "/", ".", "~", "é", "ê", "\uFFFD", "😀", "😁"};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      StringBuilder key = new StringBuilder(ACME);
      for (int n = random.nextInt(5); n >= 0; n--) {
        key.append(alphabet[random.nextInt(alphabet.length)]);
      }
      keys.add(key.toString());
    }
    keys.add(ACME);
    int checked = 0;
    for (int i = 0; i < 500; i++) {
      String a = keys.get(random.nextInt(keys.size()));
      String b = keys.get(random.nextInt(keys.size()));
      if (KeyRange.compare(a, b) == 0) {
        continue;
      }
      KeyRange range = KeyRange.compare(a, b) < 0 ? new KeyRange(a, b) : new KeyRange(b, a);
      String prefix = range.listingPrefix(ACME);
      for (String key : keys) {
        if (range.contains(key)) {
          assertThat(key).as(range + " lists under " + prefix).startsWith(prefix);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }
}
