package dev.warden.engines.objects;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Generated S3 keys and what makes one valid, written apart from the code under test. */
final class Keys {

  static final int MAX_BYTES = 1_024;

  // Hex most often (upload names), then ASCII around '/' and the hex digits, 2-, 3- and 4-byte
  // UTF-8 (the 4-byte ones are surrogate pairs in Java), and the last code point of each width.
  private static final List<Integer> CODE_POINTS =
      List.of(
          (int) '0',
          (int) '3',
          (int) '7',
          (int) '8',
          (int) 'a',
          (int) 'f',
          (int) 'g',
          (int) 'Z',
          (int) '-',
          (int) '.',
          (int) '0' - 1,
          (int) '~',
          0x7F,
          0xE9,
          0x7FF,
          0x4E2D,
          0xFFFD,
          0x1F600,
          0x10000,
          0x10FFFF);

  private Keys() {}

  static boolean isValid(String key) {
    if (key.isEmpty() || utf8Length(key) > MAX_BYTES) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false; // half a pair: not encodable as UTF-8
      }
    }
    return true;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest prefix of whole code points within the key limit. */
  static String truncate(String s) {
    return truncate(s, MAX_BYTES);
  }

  /** The longest prefix of whole code points within {@code max} bytes. */
  static String truncate(String s, int max) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int width = utf8Length(new String(Character.toChars(cp)));
      if (bytes + width > max) {
        break;
      }
      bytes += width;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /** {@code s} then {@code fill} repeated until it holds at least {@code bytes} bytes. */
  static String pad(String s, int bytes, int fill) {
    StringBuilder out = new StringBuilder(s);
    while (utf8Length(out.toString()) < bytes) {
      out.appendCodePoint(fill);
    }
    return out.toString();
  }

  /** 1 to 10 code points; a name may hold a '/' (a deeper folder). */
  @SuppressWarnings("unchecked")
  static Arbitrary<String> pieces() {
    Arbitrary<Integer> hex = Arbitraries.of("0123456789abcdef".chars().boxed().toList());
    Arbitrary<Integer> any = Arbitraries.of(CODE_POINTS);
    Arbitrary<Integer> slash = Arbitraries.just((int) '/');
    return Arbitraries.frequencyOf(Tuple.of(6, hex), Tuple.of(4, any), Tuple.of(1, slash))
        .list()
        .ofMinSize(1)
        .ofMaxSize(10)
        .map(
            cps -> {
              StringBuilder b = new StringBuilder();
              cps.forEach(b::appendCodePoint);
              return b.toString();
            });
  }

  /** No padding half the time, else a length near or past the key limit. */
  static Arbitrary<Integer> padding() {
    return Arbitraries.oneOf(
        Arbitraries.just(0), Arbitraries.integers().between(100, 1_030), Arbitraries.just(1_021));
  }

  static Arbitrary<Integer> fillers() {
    return Arbitraries.of((int) 'x', (int) 'f', 0xE9, 0x4E2D, 0x1F600, 0x10FFFF);
  }
}
