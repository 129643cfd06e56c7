package dev.warden.engines.objects;

import dev.warden.engines.s3.TenantPrefix;
import dev.warden.engines.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Splits a tenant's keyspace {@code tenants/{id}/} into up to N key ranges for parallel purges.
 *
 * <p>The ranges come from one sorted list of boundary strings (the first range starts at the
 * prefix, the last runs to its end), so together they hold every key exactly once whatever the
 * listing showed; the listing only decides the balance. Boundaries: the tenant's sub-folders
 * ({@code uploads/}, {@code packs/}, ...), and inside each large folder its next one or two
 * characters split evenly over hex digits (upload keys start with a random UUID). A folder under
 * one page (1,000 keys) gets one range; large folders share the rest by their estimated size.
 *
 * <p>Folders are found by skipping from one to the next: one 1,000-key listing page per folder (not
 * a delimiter listing, which a store may answer by walking every key of the tenant; S3Proxy does).
 * That page also tells whether the folder is small and, for hex names, estimates its size from how
 * far into the hex space its 1,000th key reaches.
 */
public final class KeyRangePlanner {

  /** Upper bound of shards per purge (history grows with it: about 6 events per shard). */
  public static final int MAX_SHARDS = 256;

  // A tenant with more sub-folders is planned from the first ones: the boundaries are still a
  // partition, the last range just holds more.
  private static final int MAX_LISTINGS = 64;
  private static final String HEX = "0123456789abcdef";

  /** S3's key limit in UTF-8 bytes: every bound the planner sends or returns stays within it. */
  static final int MAX_KEY_BYTES = 1_024;

  private final KeyListing listing;
  private final int pageSize;

  public KeyRangePlanner(S3Client s3, String bucket) {
    this(KeyListing.of(s3, bucket), TenantObjectStore.MAX_BATCH);
  }

  KeyRangePlanner(KeyListing listing, int pageSize) {
    this.listing = listing;
    this.pageSize = pageSize;
  }

  /** Up to {@code maxShards} ranges (1 to {@link #MAX_SHARDS}) covering the tenant's prefix. */
  public List<KeyRange> plan(TenantId tenant, int maxShards) {
    return plan(tenant, maxShards, () -> {});
  }

  /** As above, calling {@code afterListing} after every listing page (e.g. to heartbeat). */
  public List<KeyRange> plan(TenantId tenant, int maxShards, Runnable afterListing) {
    requireShards(maxShards);
    String prefix = new TenantPrefix(tenant).value();
    if (maxShards == 1) {
      return List.of(KeyRange.ALL);
    }
    return ranges(prefix, folders(prefix, afterListing), maxShards);
  }

  /**
   * A sub-folder of the tenant and about how many keys it holds: exact under 1,000, else an
   * estimate ({@value TenantObjectStore#MAX_BATCH} when its names are not hex).
   */
  record Folder(String prefix, long keys) {
    Folder(String prefix, boolean large) {
      this(prefix, large ? 100_000 : 10);
    }

    boolean large() {
      return keys >= TenantObjectStore.MAX_BATCH;
    }
  }

  /** The ranges between the boundaries chosen for these folders (pure: unit-tested). */
  static List<KeyRange> ranges(String prefix, List<Folder> folders, int maxShards) {
    requireShards(maxShards);
    List<String> bounds = new ArrayList<>(boundaries(prefix, folders, maxShards));
    List<KeyRange> ranges = new ArrayList<>();
    String after = null;
    for (String bound : bounds) {
      ranges.add(new KeyRange(after, bound));
      after = bound;
    }
    ranges.add(new KeyRange(after, null));
    return List.copyOf(ranges);
  }

  private static TreeSet<String> boundaries(String prefix, List<Folder> folders, int shards) {
    TreeSet<String> out = new TreeSet<>(KeyRange::compare);
    List<Folder> roots = folders.isEmpty() ? List.of(new Folder(prefix, true)) : folders;
    int m = roots.size();
    if (m >= shards) {
      // Boundary = a folder's own name: keys up to it (earlier folders, its marker) go left.
      for (int i = 1; i < shards; i++) {
        out.add(roots.get(i * m / shards).prefix());
      }
      return out;
    }
    int[] split = split(roots, shards);
    for (int j = 0; j < m; j++) {
      if (j > 0) {
        out.add(roots.get(j).prefix());
      }
      out.addAll(hexSplits(roots.get(j).prefix(), split[j]));
    }
    return out;
  }

  // Ranges per folder: one for each small folder, at least one for each large one, and the rest
  // to the large ones in proportion to their estimated size (largest remainders first).
  private static int[] split(List<Folder> roots, int shards) {
    int m = roots.size();
    int[] split = new int[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      split[j] = 1;
      total += roots.get(j).large() ? roots.get(j).keys() : 0;
    }
    int spare = shards - m;
    if (total == 0) {
      return split;
    }
    double[] remainders = new double[m];
    int given = 0;
    for (int j = 0; j < m; j++) {
      double share = roots.get(j).large() ? spare * roots.get(j).keys() / total : 0;
      split[j] += (int) share;
      given += (int) share;
      remainders[j] = share - (int) share;
    }
    for (; given < spare; given++) {
      int best = 0;
      for (int j = 1; j < m; j++) {
        best = remainders[j] > remainders[best] ? j : best;
      }
      split[best]++;
      remainders[best] = -1;
    }
    return split;
  }

  // k - 1 boundaries splitting the keys under root by their next 1 or 2 hex characters, as many
  // as fit in the key limit: a root 1 byte short of it splits by one digit, a full one not at all
  // (it holds no key but itself). Repeated boundaries fold into one: fewer, still exact, ranges.
  private static List<String> hexSplits(String root, int k) {
    List<String> out = new ArrayList<>();
    int digits = Math.min(k <= 16 ? 1 : 2, MAX_KEY_BYTES - utf8Length(root));
    int slots = k <= 16 ? 16 : 256;
    for (int i = 1; i < k && digits > 0; i++) {
      int slot = i * slots / k;
      String hex =
          slots == 16 ? "" + HEX.charAt(slot) : "" + HEX.charAt(slot / 16) + HEX.charAt(slot % 16);
      out.add(root + hex.substring(0, digits));
    }
    return out;
  }

  /**
   * The StartAfter that skips the rest of a first-level folder: the folder with its trailing '/'
   * raised to '0', the next byte. No longer than the folder (so a valid key, however near the limit
   * the folder is), and after every key in it in S3's byte order. Besides the folder's keys it
   * passes over only a key equal to itself, an object straight under the prefix, which the plan
   * does not use. (Appending U+10FFFF, 4 bytes, broke the limit for folders over 1,020 bytes.)
   */
  static String pastFolder(String folder) {
    return folder.substring(0, folder.length() - 1) + (char) ('/' + 1);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private List<Folder> folders(String prefix, Runnable afterListing) {
    List<Folder> out = new ArrayList<>();
    String after = null;
    for (int listed = 0; listed < MAX_LISTINGS; listed++) {
      String start = after;
      KeyListing.Page page = listing.list(prefix, start, pageSize);
      afterListing.run();
      List<String> keys = page.keys();
      int i = 0;
      while (i < keys.size()) {
        String key = keys.get(i);
        int slash = key.indexOf('/', prefix.length());
        if (slash < 0) {
          i++; // an object straight under the prefix: it falls in whichever range holds it
          after = key;
          continue;
        }
        String folder = key.substring(0, slash + 1);
        int j = i;
        while (j < keys.size() && keys.get(j).startsWith(folder)) {
          j++;
        }
        boolean more = j == keys.size() && page.truncated();
        if (out.isEmpty() || !out.get(out.size() - 1).prefix().equals(folder)) {
          out.add(new Folder(folder, more ? estimate(folder, keys.get(j - 1), j - i) : j - i));
        }
        after = more ? pastFolder(folder) : keys.get(j - 1);
        i = j;
      }
      if (!page.truncated() || keys.isEmpty()) {
        break;
      }
    }
    return out;
  }

  // A folder of random hex names holding n keys up to `last` holds about n / (share of the hex
  // space below last) keys; names that are not hex give no estimate beyond one page.
  static long estimate(String folder, String last, int seen) {
    String rest = last.substring(folder.length());
    long value = 0;
    int digits = 0;
    while (digits < rest.length() && digits < 6 && HEX.indexOf(rest.charAt(digits)) >= 0) {
      value = value * 16 + HEX.indexOf(rest.charAt(digits));
      digits++;
    }
    if (digits < 2) {
      return Math.max(seen, TenantObjectStore.MAX_BATCH);
    }
    double share = (value + 1) / Math.pow(16, digits);
    return Math.max(TenantObjectStore.MAX_BATCH, Math.round(seen / share));
  }

  private static void requireShards(int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "shards must be between 1 and " + MAX_SHARDS + ", got " + shards);
    }
  }
}
