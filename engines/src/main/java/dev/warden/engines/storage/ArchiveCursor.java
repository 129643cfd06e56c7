package dev.warden.engines.storage;

/**
 * Where a log-archive purge stands: the last archive key fully dealt with and running totals.
 * {@code bytesRemoved} are uncompressed bytes of the removed lines (newlines included); {@code
 * unattributable} counts lines that were kept because they are not a JSON object with a string
 * {@code tenant_id}, so nobody can say whose they are; {@code versionsDeleted} counts earlier
 * versions of shared archives (on a versioned bucket) deleted because they held the tenant's lines.
 */
public record ArchiveCursor(
    String lastKey,
    long archivesScanned,
    long archivesRewritten,
    long linesRemoved,
    long bytesRemoved,
    long objectsDeleted,
    long unattributable,
    long versionsDeleted) {

  public static final ArchiveCursor START = new ArchiveCursor(null, 0, 0, 0, 0, 0, 0, 0);

  ArchiveCursor scanned(String key, ArchiveFilter.Result result, boolean rewritten) {
    return new ArchiveCursor(
        key,
        archivesScanned + 1,
        archivesRewritten + (rewritten ? 1 : 0),
        linesRemoved + result.linesRemoved(),
        bytesRemoved + result.bytesRemoved(),
        objectsDeleted,
        unattributable + result.unattributable(),
        versionsDeleted);
  }

  ArchiveCursor deleted(long objects) {
    return new ArchiveCursor(
        lastKey,
        archivesScanned,
        archivesRewritten,
        linesRemoved,
        bytesRemoved,
        objectsDeleted + objects,
        unattributable,
        versionsDeleted);
  }

  ArchiveCursor versionsDeleted(long versions) {
    return new ArchiveCursor(
        lastKey,
        archivesScanned,
        archivesRewritten,
        linesRemoved,
        bytesRemoved,
        objectsDeleted,
        unattributable,
        versionsDeleted + versions);
  }
}
