package dev.warden.engines.logarchive;

/**
 * Where a log-archive purge stands: the last archive key fully dealt with and running totals.
 * {@code bytesRemoved} are uncompressed bytes of the removed lines (newlines included); {@code
 * unattributable} counts lines that were kept because they are not a JSON object with a string
 * {@code tenant_id}, so nobody can say whose they are; {@code versionsDeleted} counts earlier
 * versions of shared archives (on a versioned bucket) deleted because they held the tenant's lines;
 * {@code archivesRead} counts the archives whose bytes were read at all (the rest of the {@code
 * archivesScanned} were known from the archive index not to hold the tenant).
 */
public record ArchiveCursor(
    String lastKey,
    long archivesScanned,
    long archivesRewritten,
    long linesRemoved,
    long bytesRemoved,
    long objectsDeleted,
    long unattributable,
    long versionsDeleted,
    long archivesRead) {

  public static final ArchiveCursor START = new ArchiveCursor(null, 0, 0, 0, 0, 0, 0, 0, 0);

  ArchiveCursor scanned(String key, ArchiveFilter.Result result, boolean rewritten) {
    return new ArchiveCursor(
        key,
        archivesScanned + 1,
        archivesRewritten + (rewritten ? 1 : 0),
        linesRemoved + result.linesRemoved(),
        bytesRemoved + result.bytesRemoved(),
        objectsDeleted,
        unattributable + result.unattributable(),
        versionsDeleted,
        archivesRead);
  }

  /** An archive the index knows holds none of the tenant's lines: passed without reading it. */
  ArchiveCursor skipped(String key, long unattributableLines) {
    return new ArchiveCursor(
        key,
        archivesScanned + 1,
        archivesRewritten,
        linesRemoved,
        bytesRemoved,
        objectsDeleted,
        unattributable + unattributableLines,
        versionsDeleted,
        archivesRead);
  }

  ArchiveCursor read() {
    return new ArchiveCursor(
        lastKey,
        archivesScanned,
        archivesRewritten,
        linesRemoved,
        bytesRemoved,
        objectsDeleted,
        unattributable,
        versionsDeleted,
        archivesRead + 1);
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
        versionsDeleted,
        archivesRead);
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
        versionsDeleted + versions,
        archivesRead);
  }
}
