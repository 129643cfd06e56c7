package dev.warden.engines.failure;

/**
 * What a store's failure means for a purge: an {@link Kind#OUTAGE} to wait out (connection refused,
 * timeout, 503, SlowDown, a red cluster) or a {@link Kind#REFUSAL} that waiting cannot fix (access
 * denied, no such bucket, a refused mapping, a bad request).
 */
public record StoreFailure(Store store, Kind kind, String message) {

  public enum Kind {
    OUTAGE,
    REFUSAL
  }

  public static StoreFailure outage(Store store, String message) {
    return new StoreFailure(store, Kind.OUTAGE, message);
  }

  public static StoreFailure refusal(Store store, String message) {
    return new StoreFailure(store, Kind.REFUSAL, message);
  }

  public boolean outage() {
    return kind == Kind.OUTAGE;
  }
}
