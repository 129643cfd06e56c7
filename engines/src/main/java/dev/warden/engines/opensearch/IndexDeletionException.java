package dev.warden.engines.opensearch;

import dev.warden.engines.failure.Store;
import dev.warden.engines.failure.StoreDeletionException;
import java.util.List;

/** OpenSearch refused some deletes of a bulk request; each is reported, none silently skipped. */
public class IndexDeletionException extends StoreDeletionException {

  /** One refused delete with OpenSearch's error type, reason and HTTP status. */
  public record DocError(String index, String id, String type, String reason, int status) {}

  private final List<DocError> errors;

  public IndexDeletionException(List<DocError> errors) {
    super(
        "%d document(s) could not be deleted, first: %s"
            .formatted(errors.size(), errors.isEmpty() ? "-" : errors.get(0)));
    this.errors = List.copyOf(errors);
  }

  public List<DocError> errors() {
    return errors;
  }

  @Override
  public Store store() {
    return Store.OPENSEARCH;
  }

  // 429 (rejected execution: queue full) and 503 (shard unavailable) pass; a 400 or 403 does not.
  @Override
  public boolean transientOnly() {
    return !errors.isEmpty()
        && errors.stream().allMatch(e -> OpenSearchFailures.transientStatus(e.status()));
  }
}
