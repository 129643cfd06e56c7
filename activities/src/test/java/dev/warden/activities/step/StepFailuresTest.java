package dev.warden.activities.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.failure.Store;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.opensearch.IndexDeletionException;
import dev.warden.engines.opensearch.IndexDeletionException.DocError;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.opensearch.UnpurgeableIndexException;
import dev.warden.engines.s3.ObjectDeletionException;
import dev.warden.engines.s3.ObjectDeletionException.KeyError;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoreOutage;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Which store failures a purge waits out (an outage: retryable, with the tolerance attached) and
 * which ask an operator at once (a refusal: non-retryable), on the AWS SDK's and opensearch-java's
 * own exception types.
 */
class StepFailuresTest {

  private static final StepResult SO_FAR = new StepResult(PurgeStep.INDEX, 42, 0);
  private static final Duration TOLERANCE = Duration.ofMinutes(30);

  static Stream<Arguments> outages() {
    return Stream.of(
        Arguments.of(
            "S3 connection refused",
            SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused"))
                .build(),
            Failures.STORE_UNAVAILABLE,
            Store.S3),
        Arguments.of(
            "S3 read timeout",
            SdkClientException.builder()
                .message("Unable to execute HTTP request: Read timed out")
                .cause(new SocketTimeoutException("Read timed out"))
                .build(),
            Failures.STORE_UNAVAILABLE,
            Store.S3),
        Arguments.of(
            "S3 call timeout",
            ApiCallTimeoutException.create(30_000),
            Failures.STORE_UNAVAILABLE,
            Store.S3),
        Arguments.of("S3 503 SlowDown", s3(503, "SlowDown"), Failures.STORE_UNAVAILABLE, Store.S3),
        Arguments.of(
            "S3 500 InternalError", s3(500, "InternalError"), Failures.STORE_UNAVAILABLE, Store.S3),
        Arguments.of(
            "S3 400 RequestTimeout",
            s3(400, "RequestTimeout"),
            Failures.STORE_UNAVAILABLE,
            Store.S3),
        Arguments.of(
            "S3 wrapped in an UncheckedIOException",
            new UncheckedIOException("reading logs/x", new IOException(s3(503, "SlowDown"))),
            Failures.STORE_UNAVAILABLE,
            Store.S3),
        Arguments.of(
            "OpenSearch 503 red cluster",
            openSearch(503, "no_shard_available_action_exception"),
            Failures.STORE_UNAVAILABLE,
            Store.OPENSEARCH),
        Arguments.of(
            "OpenSearch 503 cluster block",
            openSearch(503, "cluster_block_exception"),
            Failures.STORE_UNAVAILABLE,
            Store.OPENSEARCH),
        Arguments.of(
            "OpenSearch 429 queue full",
            openSearch(429, "es_rejected_execution_exception"),
            Failures.STORE_UNAVAILABLE,
            Store.OPENSEARCH),
        Arguments.of(
            "DeleteObjects refused with SlowDown only",
            new ObjectDeletionException(List.of(new KeyError("tenants/acme/a", "SlowDown", "m"))),
            Failures.PARTIAL_DELETION,
            Store.S3),
        Arguments.of(
            "bulk deletes rejected with 429 only",
            new IndexDeletionException(
                List.of(
                    new DocError("docs-prod", "1", "es_rejected_execution_exception", "r", 429))),
            Failures.PARTIAL_DELETION,
            Store.OPENSEARCH));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("S3 403 AccessDenied", s3(403, "AccessDenied")),
        Arguments.of(
            "S3 404 NoSuchBucket",
            NoSuchBucketException.builder()
                .statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build())
                .build()),
        Arguments.of("S3 400 InvalidRequest", s3(400, "InvalidRequest")),
        Arguments.of("S3 501 NotImplemented", s3(501, "NotImplemented")),
        Arguments.of("OpenSearch 400 bad request", openSearch(400, "illegal_argument_exception")),
        Arguments.of("OpenSearch 403 security", openSearch(403, "security_exception")),
        Arguments.of(
            "mapping without an exact tenant field",
            new UnpurgeableIndexException(List.of("logs-prod-1"))),
        Arguments.of(
            "DeleteObjects with one AccessDenied",
            new ObjectDeletionException(
                List.of(
                    new KeyError("tenants/acme/a", "SlowDown", "m"),
                    new KeyError("tenants/acme/b", "AccessDenied", "m")))),
        Arguments.of(
            "bulk delete refused with 400",
            new IndexDeletionException(
                List.of(new DocError("docs-prod", "1", "illegal_argument_exception", "r", 400)))));
  }

  static Stream<Arguments> unclassified() {
    return Stream.of(
        Arguments.of("a bug", new IllegalStateException("term query returned acme-eu")),
        Arguments.of(
            "S3 client without I/O cause (credentials)",
            SdkClientException.create("Unable to load credentials from any of the providers")),
        Arguments.of("OpenSearch 500", openSearch(500, "null_pointer_exception")),
        Arguments.of("S3 412 precondition", s3(412, "PreconditionFailed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outages")
  void givenAStoreOutage_whenTheStepFails_thenItIsRetryableWithTheTolerance(
      String name, RuntimeException cause, Failures type, Store store) {
    ApplicationFailure failure = StepFailures.of(cause, SO_FAR, TOLERANCE);

    assertThat(failure.getType()).isEqualTo(type.type());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(detail(failure, 0, StepResult.class)).isEqualTo(SO_FAR);
    assertThat(detail(failure, 1, StoreOutage.class))
        .isEqualTo(new StoreOutage(store.label(), TOLERANCE.toSeconds()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void givenARefusalRetryingCannotFix_whenTheStepFails_thenItIsNonRetryable(
      String name, RuntimeException cause) {
    ApplicationFailure failure = StepFailures.of(cause, SO_FAR, TOLERANCE);

    assertThat(failure.getType()).isEqualTo(Failures.STORE_REFUSED.type());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(detail(failure, 0, StepResult.class)).isEqualTo(SO_FAR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unclassified")
  void givenAnUnclassifiedFailure_whenTheStepFails_thenItGetsTheUsualRetriesAndNoTolerance(
      String name, RuntimeException cause) {
    ApplicationFailure failure = StepFailures.of(cause, SO_FAR, TOLERANCE);

    assertThat(failure.getType()).isEqualTo(Failures.STEP_ERROR.type());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().getSize()).isEqualTo(1);
  }

  @Test
  void givenOpenSearchBehindAClosedPort_whenCounting_thenTheRealClientFailureIsAnOutage()
      throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    TenantIndexStore index = new TenantIndexStore(OpenSearchClients.create(url));

    RuntimeException cause = catchRuntime(() -> index.count(TenantId.of("acme"), "docs-prod"));

    ApplicationFailure failure = StepFailures.of(cause, SO_FAR, TOLERANCE);
    assertThat(failure.getType()).isEqualTo(Failures.STORE_UNAVAILABLE.type());
    assertThat(failure.getOriginalMessage()).contains("OpenSearch unreachable");
    assertThat(detail(failure, 1, StoreOutage.class).store()).isEqualTo("OpenSearch");
  }

  @Test
  void givenS3BehindAClosedPort_whenListing_thenTheRealClientFailureIsAnOutage()
      throws IOException {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .build()) {
      RuntimeException cause = catchRuntime(() -> s3.listObjectsV2(r -> r.bucket("warden-data")));

      ApplicationFailure failure = StepFailures.of(cause, SO_FAR, TOLERANCE);
      assertThat(failure.getType()).isEqualTo(Failures.STORE_UNAVAILABLE.type());
      assertThat(failure.getOriginalMessage()).contains("S3 unreachable");
    }
  }

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  private static OpenSearchException openSearch(int status, String type) {
    return new OpenSearchException(
        ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("test"))));
  }

  // A port that was free a moment ago: connecting to it is refused by the kernel, not mocked.
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static RuntimeException catchRuntime(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static <T> T detail(ApplicationFailure failure, int index, Class<T> type) {
    failure.setDataConverter(DefaultDataConverter.newDefaultInstance());
    return failure.getDetails().get(index, type);
  }
}
