package dev.warden.engines.logarchive;

/**
 * Serialises rewrites of one shared archive across purges (and workers): {@link ArchiveLeases} in
 * PostgreSQL for a deployment; {@link #inProcess()} where only one process rewrites archives.
 */
public interface ArchiveLocks {

  /**
   * Blocks until this caller holds {@code archive}, calling {@code whileWaiting} about once a
   * second meanwhile (the activity heartbeats there).
   */
  Held lock(String archive, Runnable whileWaiting);

  /** A held lock. */
  interface Held extends AutoCloseable {
    /** Keeps the lock alive during a long rewrite; throws when it was lost (expired and taken). */
    void renew();

    @Override
    void close();
  }

  /** Locks within this JVM only. */
  static ArchiveLocks inProcess() {
    return new InProcessArchiveLocks();
  }
}
