package dev.warden.engines.storage;

/**
 * Called after every archive (and every batch of per-tenant log objects) of a log purge. The
 * activity heartbeats the cursor here; a kill-switch check that throws stops between archives.
 */
@FunctionalInterface
public interface ArchiveListener {
  void afterArchive(ArchiveCursor cursor);
}
