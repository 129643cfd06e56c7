package dev.warden.engines.s3;

import dev.warden.engines.failure.Store;
import dev.warden.engines.failure.StoreFailure;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Reads what an AWS SDK failure means for a purge. The SDK has already retried its own few attempts
 * by then; this decides whether waiting longer can help.
 */
public final class S3Failures {
  private S3Failures() {}

  /** Error codes S3 (and MinIO, S3Proxy) give while overloaded or briefly unavailable. */
  static final Set<String> TRANSIENT_CODES =
      Set.of("SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "Throttling");

  /** The failure's meaning, or empty when {@code failure} is not an AWS SDK failure. */
  public static Optional<StoreFailure> classify(Throwable failure) {
    if (failure instanceof SdkServiceException service) {
      String code = errorCode(service);
      int status = service.statusCode();
      String message = "S3 answered " + status + (code == null ? "" : " " + code);
      if (TRANSIENT_CODES.contains(code)
          || service.isThrottlingException()
          || status == 429
          || (status >= 500 && status != 501)) {
        return Optional.of(StoreFailure.outage(Store.S3, message));
      }
      // 412 is a conditional write that lost a race: the archive rewriter reads again itself.
      if (status >= 400 && status != 412) {
        return Optional.of(StoreFailure.refusal(Store.S3, message));
      }
      return Optional.empty();
    }
    if (failure instanceof ApiCallTimeoutException
        || failure instanceof ApiCallAttemptTimeoutException) {
      return Optional.of(StoreFailure.outage(Store.S3, "S3 timed out: " + failure.getMessage()));
    }
    // A client failure with an I/O cause never reached S3 (refused, reset, timed out); one without
    // (no credentials, a bad endpoint setting) is configuration, which waiting does not fix.
    if (failure instanceof SdkClientException client && ioCause(client) != null) {
      return Optional.of(StoreFailure.outage(Store.S3, "S3 unreachable: " + ioCause(client)));
    }
    return Optional.empty();
  }

  private static String errorCode(SdkServiceException service) {
    return service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode()
        : null;
  }

  private static IOException ioCause(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure.getCause(); t != null && depth++ < 16; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }
}
