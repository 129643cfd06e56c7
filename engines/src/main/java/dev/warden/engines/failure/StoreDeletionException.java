package dev.warden.engines.failure;

/**
 * A store answered but refused some deletions, each reported, none silently skipped. The base of
 * every store's deletion failure, so callers classify them by type and not by class name.
 */
public abstract class StoreDeletionException extends RuntimeException {

  protected StoreDeletionException(String message) {
    super(message);
  }

  public abstract Store store();

  /**
   * True when every refusal is of a kind the store gives while overloaded or briefly unavailable
   * (SlowDown, InternalError, 429, 503): the same deletions can succeed later.
   */
  public abstract boolean transientOnly();

  public StoreFailure failure() {
    return transientOnly()
        ? StoreFailure.outage(store(), getMessage())
        : StoreFailure.refusal(store(), getMessage());
  }
}
