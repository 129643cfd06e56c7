package dev.warden.engines.logarchive;

import dev.warden.engines.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which tenants each shared log archive object holds, so a purge reads only the archives that can
 * hold its tenant. An entry describes one stored object exactly (key, version id, ETag): when the
 * listing shows another ETag or version, the entry is not returned and the archive is read, so a
 * stale or missing entry costs a read, never a missed line.
 */
public interface ArchiveIndex {

  /** One stored archive object; {@code versionId} is "" on an unversioned bucket. */
  record ArchiveObject(String key, String versionId, String etag) {
    public ArchiveObject {
      versionId = versionId == null ? "" : versionId;
      etag = etag == null ? "" : etag.replace("\"", "");
    }
  }

  /** Every tenant id in the object, and its lines without a readable tenant id. */
  record Contents(Set<String> tenants, long unattributable) {
    public Contents {
      tenants = Set.copyOf(tenants);
    }

    /** True when the object certainly holds none of the tenant's lines. */
    public boolean lacks(TenantId tenant) {
      return !tenants.contains(tenant.value());
    }

    /** The same answer for {@code tenant}, without the other tenants' ids. */
    public Contents narrowedTo(TenantId tenant) {
      return new Contents(lacks(tenant) ? Set.of() : Set.of(tenant.value()), unattributable);
    }
  }

  /** The contents of those objects the index knows at exactly this key, version and ETag. */
  Map<ArchiveObject, Contents> lookup(Collection<ArchiveObject> objects);

  /**
   * {@link #lookup}, each entry {@linkplain Contents#narrowedTo narrowed} to {@code tenant}: all a
   * purge or a count asks, without carrying every other tenant's id of every archive.
   */
  default Map<ArchiveObject, Contents> lookup(Collection<ArchiveObject> objects, TenantId tenant) {
    Map<ArchiveObject, Contents> narrowed = new HashMap<>();
    lookup(objects).forEach((o, c) -> narrowed.put(o, c.narrowedTo(tenant)));
    return narrowed;
  }

  /** Records what {@code object} holds (read in full just now). */
  void record(ArchiveObject object, Contents contents);

  /** Forgets a deleted object version. */
  void forget(ArchiveObject object);

  /** Notes that a scan listed these keys just now (their rows are not stale). */
  default void seen(Collection<String> keys) {}

  /** Forgets every row under {@code prefix} that no scan has listed since {@code since}. */
  default int forgetUnseen(String prefix, Instant since) {
    return 0;
  }

  /** The index's own clock (rows are stamped with it). */
  default Instant now() {
    return Instant.now();
  }

  /** Knows nothing: every archive is read (the full scan, and the peer in benchmarks). */
  static ArchiveIndex none() {
    return new ArchiveIndex() {
      @Override
      public Map<ArchiveObject, Contents> lookup(Collection<ArchiveObject> objects) {
        return Map.of();
      }

      @Override
      public void record(ArchiveObject object, Contents contents) {}

      @Override
      public void forget(ArchiveObject object) {}
    };
  }
}
