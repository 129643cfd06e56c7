package dev.warden.engines.objects;

/**
 * Where a storage purge stands: the last key it has fully dealt with and running totals. It is
 * recorded around every page ({@link StorageProgress}) and heartbeated after it, so a retried purge
 * resumes here instead of from zero.
 */
public record StorageCursor(String lastKey, long objects, long bytes, int pages) {

  public static final StorageCursor START = new StorageCursor(null, 0, 0, 0);

  StorageCursor advance(String newLastKey, long deletedObjects, long deletedBytes) {
    return new StorageCursor(newLastKey, objects + deletedObjects, bytes + deletedBytes, pages + 1);
  }
}
