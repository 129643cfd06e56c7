package dev.warden.activities.guard;

/** Compliance cancelled the purge, or a legal hold now stands: stop at this page boundary. */
public class PurgeStoppedException extends RuntimeException {
  public PurgeStoppedException(String reason) {
    super(reason);
  }
}
