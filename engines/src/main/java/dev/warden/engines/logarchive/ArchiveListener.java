package dev.warden.engines.logarchive;

/**
 * Called after every archive (and every batch of per-tenant log objects) of a log purge. The
 * activity heartbeats the cursor here; a kill-switch check that throws stops between archives.
 */
@FunctionalInterface
public interface ArchiveListener {
  void afterArchive(ArchiveCursor cursor);

  /**
   * Called about once a second while one large archive streams (or waits for its lock), with the
   * cursor of the last archive done: the activity heartbeats it, and checks nothing else.
   */
  default void stillWorking(ArchiveCursor cursor) {}
}
