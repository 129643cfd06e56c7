package dev.warden.engines.opensearch;

import dev.warden.engines.failure.Store;
import dev.warden.engines.failure.StoreFailure;
import dev.warden.engines.failure.StoreUnavailableException;
import java.io.IOException;
import java.util.Optional;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/** Reads what an opensearch-java failure means for a purge: an outage to wait out or a refusal. */
public final class OpenSearchFailures {
  private OpenSearchFailures() {}

  /**
   * 429 (queues full), 502/504 (a proxy in front), 503 (no shard available, a red cluster, a
   * cluster block while the master is elected): the same call can succeed later.
   */
  static boolean transientStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** The failure's meaning, or empty when {@code failure} is not one of OpenSearch's. */
  public static Optional<StoreFailure> classify(Throwable failure) {
    if (failure instanceof OpenSearchException e) {
      String type = e.error() == null ? "" : " " + e.error().type();
      return byStatus(e.status(), "OpenSearch answered " + e.status() + type);
    }
    if (failure instanceof ResponseException e) {
      return byStatus(e.status(), "OpenSearch answered " + e.status());
    }
    if (failure instanceof UnpurgeableIndexException unpurgeable) {
      return Optional.of(StoreFailure.refusal(Store.OPENSEARCH, unpurgeable.getMessage()));
    }
    if (failure instanceof StoreUnavailableException down && down.store() == Store.OPENSEARCH) {
      if (down.getCause() instanceof ResponseException answered) {
        return classify(answered); // an answer after all, with a status that says which it is
      }
      return Optional.of(StoreFailure.outage(Store.OPENSEARCH, down.getMessage()));
    }
    return Optional.empty();
  }

  // 500 is left out on purpose: OpenSearch gives it for its own bugs as well as for trouble, so it
  // gets the step's few retries and then an operator, as any unexpected failure does.
  private static Optional<StoreFailure> byStatus(int status, String message) {
    if (transientStatus(status)) {
      return Optional.of(StoreFailure.outage(Store.OPENSEARCH, message));
    }
    if (status >= 400 && status < 500) {
      return Optional.of(StoreFailure.refusal(Store.OPENSEARCH, message));
    }
    return Optional.empty();
  }

  /** How the index adapter reports a call that never got an answer. */
  public static StoreUnavailableException unreachable(IOException e) {
    return new StoreUnavailableException(Store.OPENSEARCH, e);
  }
}
