package dev.warden.engines.indexpurge;

/**
 * Called after every page of an index purge with the cumulative cursor. The activity heartbeats it
 * here, and a kill-switch check that throws stops the purge at a page boundary.
 */
@FunctionalInterface
public interface IndexPageListener {
  void afterPage(IndexCursor cursor);
}
