package dev.warden.engines.storage;

import dev.warden.engines.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Splits a tenant's keyspace {@code tenants/{id}/} into up to N key ranges for parallel purges.
 *
 * <p>The ranges come from one sorted list of boundary strings (the first range starts at the
 * prefix, the last runs to its end), so together they hold every key exactly once whatever the
 * listing showed; the listing only decides the balance. Boundaries: the tenant's sub-folders from a
 * delimiter listing ({@code uploads/}, {@code packs/}, ...), and inside each large folder its next
 * one or two characters split evenly over hex digits (upload keys start with a random UUID). A
 * folder whose first listing page is not truncated (under 1,000 keys) gets one range only.
 */
public final class KeyRangePlanner {

  /** Upper bound of shards per purge (history grows with it: about 6 events per shard). */
  public static final int MAX_SHARDS = 256;

  // A tenant with thousands of sub-folders is planned from the first ones: the boundaries are
  // still a partition, the last range just holds more.
  private static final int MAX_FOLDER_PAGES = 5;
  private static final int MAX_SAMPLED_FOLDERS = 64;
  private static final String HEX = "0123456789abcdef";

  private final S3Client s3;
  private final String bucket;

  public KeyRangePlanner(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Up to {@code maxShards} ranges (1 to {@link #MAX_SHARDS}) covering the tenant's prefix. */
  public List<KeyRange> plan(TenantId tenant, int maxShards) {
    requireShards(maxShards);
    String prefix = new TenantPrefix(tenant).value();
    if (maxShards == 1) {
      return List.of(KeyRange.ALL);
    }
    List<Folder> folders = new ArrayList<>();
    for (String folder : folders(prefix)) {
      boolean large = folders.size() >= MAX_SAMPLED_FOLDERS || holdsAFullPage(folder);
      folders.add(new Folder(folder, large));
    }
    return ranges(prefix, folders, maxShards);
  }

  /** A sub-folder of the tenant and whether it holds a full listing page or more. */
  record Folder(String prefix, boolean large) {}

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
    long large = roots.stream().filter(Folder::large).count();
    int spare = (int) (shards - (m - large)); // each small folder takes one range
    int seen = 0;
    for (int j = 0; j < m; j++) {
      Folder root = roots.get(j);
      if (j > 0) {
        out.add(root.prefix());
      }
      if (root.large()) {
        int k = (int) (spare / large + (seen < spare % large ? 1 : 0));
        seen++;
        out.addAll(hexSplits(root.prefix(), k));
      }
    }
    return out;
  }

  // k - 1 boundaries splitting the keys under root by their next 1 or 2 hex characters.
  private static List<String> hexSplits(String root, int k) {
    List<String> out = new ArrayList<>();
    int digits = k <= 16 ? 1 : 2;
    int slots = digits == 1 ? 16 : 256;
    for (int i = 1; i < k; i++) {
      int slot = i * slots / k;
      String hex =
          digits == 1 ? "" + HEX.charAt(slot) : "" + HEX.charAt(slot / 16) + HEX.charAt(slot % 16);
      out.add(root + hex);
    }
    return out;
  }

  private List<String> folders(String prefix) {
    List<String> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_FOLDER_PAGES; page++) {
      String continuation = token;
      ListObjectsV2Response listed =
          s3.listObjectsV2(
              l ->
                  l.bucket(bucket)
                      .prefix(prefix)
                      .delimiter("/")
                      .maxKeys(TenantObjectStore.MAX_BATCH)
                      .continuationToken(continuation));
      for (CommonPrefix folder : listed.commonPrefixes()) {
        if (folder.prefix() != null && folder.prefix().startsWith(prefix)) {
          out.add(folder.prefix());
        }
      }
      token = listed.nextContinuationToken();
      if (!Boolean.TRUE.equals(listed.isTruncated()) || token == null) {
        break;
      }
    }
    out.sort(KeyRange::compare);
    return out;
  }

  private boolean holdsAFullPage(String folder) {
    ListObjectsV2Response page =
        s3.listObjectsV2(l -> l.bucket(bucket).prefix(folder).maxKeys(TenantObjectStore.MAX_BATCH));
    return Boolean.TRUE.equals(page.isTruncated());
  }

  private static void requireShards(int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "shards must be between 1 and " + MAX_SHARDS + ", got " + shards);
    }
  }
}
