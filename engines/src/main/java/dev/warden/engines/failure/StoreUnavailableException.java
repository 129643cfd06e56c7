package dev.warden.engines.failure;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A store's client could not complete a call at all (connection refused, reset, timed out). */
public class StoreUnavailableException extends UncheckedIOException {

  private final Store store;

  public StoreUnavailableException(Store store, IOException cause) {
    super(store.label() + " unreachable: " + cause, cause);
    this.store = store;
  }

  public Store store() {
    return store;
  }
}
