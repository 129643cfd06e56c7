package dev.warden.engines.objects;

/**
 * Called before and after every page of a purge. The activity heartbeats the cursor here, and a
 * kill-switch check that throws stops the purge at a page boundary.
 */
@FunctionalInterface
public interface PageListener {
  void afterPage(StorageCursor cursor);
}
