package dev.warden.engines.s3;

import dev.warden.engines.failure.Store;
import dev.warden.engines.failure.StoreDeletionException;
import java.util.List;

/** The store refused some keys of a batch; each refusal is reported, none is silently skipped. */
public class ObjectDeletionException extends StoreDeletionException {

  /** One refused key with the store's error code and message. */
  public record KeyError(String key, String code, String message) {}

  private final List<KeyError> errors;

  public ObjectDeletionException(List<KeyError> errors) {
    super(
        "%d object(s) could not be deleted, first: %s"
            .formatted(errors.size(), errors.isEmpty() ? "-" : errors.get(0)));
    this.errors = List.copyOf(errors);
  }

  public List<KeyError> errors() {
    return errors;
  }

  @Override
  public Store store() {
    return Store.S3;
  }

  // An AccessDenied among them means an operator must act; waiting would only delay that.
  @Override
  public boolean transientOnly() {
    return !errors.isEmpty()
        && errors.stream().allMatch(e -> S3Failures.TRANSIENT_CODES.contains(e.code()));
  }
}
