package dev.warden.engines.objects;

/**
 * One shard of a tenant's keyspace: the keys strictly after {@code after} and up to and including
 * {@code upTo}; null bounds are open (from the start of the prefix, to its end). Ranges built from
 * one sorted list of boundaries ({@link KeyRangePlanner}) cover every key exactly once, whatever
 * keys exist: completeness needs no knowledge of the key distribution, only balance does.
 *
 * <p>Keys are compared as S3 orders them: by UTF-8 bytes, which is code point order ({@link
 * String#compareTo} compares UTF-16 units and disagrees above U+FFFF).
 */
public record KeyRange(String after, String upTo) {

  /** Every key. */
  public static final KeyRange ALL = new KeyRange(null, null);

  public KeyRange {
    if (after != null && upTo != null && compare(after, upTo) >= 0) {
      throw new IllegalArgumentException("empty key range (" + after + ", " + upTo + "]");
    }
  }

  public boolean contains(String key) {
    return (after == null || compare(key, after) > 0) && !beyond(key);
  }

  /** True when {@code key} sorts past the range's end: a listing in key order may stop. */
  public boolean beyond(String key) {
    return upTo != null && compare(key, upTo) > 0;
  }

  /**
   * The narrowest prefix to list this range under {@code folder} with: the longest common prefix of
   * its two bounds, an open bound standing for the folder itself. Exact: a key k with after &lt; k
   * &le; upTo that differed from both bounds before their first difference would sort below {@code
   * after} or above {@code upTo}. Stores that walk every key under the requested prefix (S3Proxy)
   * then walk the range's share of the folder, not all of it.
   */
  public String listingPrefix(String folder) {
    String common = commonPrefix(after == null ? folder : after, upTo == null ? folder : upTo);
    return common.startsWith(folder) ? common : folder;
  }

  /** The longest common prefix in whole code points (never half a surrogate pair). */
  static String commonPrefix(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int ca = a.codePointAt(i);
      if (ca != b.codePointAt(i)) {
        break;
      }
      i += Character.charCount(ca);
    }
    return a.substring(0, i);
  }

  /** S3's key order: UTF-8 byte order, i.e. code point order. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  @Override
  public String toString() {
    return "(" + (after == null ? "start" : after) + ", " + (upTo == null ? "end" : upTo) + "]";
  }
}
