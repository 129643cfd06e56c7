package dev.warden.activities.logs;

import dev.warden.engines.indexpurge.IndexCursor;
import dev.warden.engines.logarchive.ArchiveCursor;

/** Heartbeat of the logs step: first the log indices, then the S3 archives. */
public record LogCursor(IndexCursor indices, boolean indicesDone, ArchiveCursor archives) {
  public static final LogCursor START =
      new LogCursor(IndexCursor.START, false, ArchiveCursor.START);

  long items() {
    return indices.deleted()
        + archives.linesRemoved()
        + archives.objectsDeleted()
        + archives.versionsDeleted();
  }
}
