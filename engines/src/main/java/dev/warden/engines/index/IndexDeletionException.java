package dev.warden.engines.index;

import java.util.List;

/** OpenSearch refused some deletes of a bulk request; each is reported, none silently skipped. */
public class IndexDeletionException extends RuntimeException {

  /** One refused delete with OpenSearch's error type and reason. */
  public record DocError(String index, String id, String type, String reason) {}

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
}
