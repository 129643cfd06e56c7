package dev.warden.engines.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.config.WardenProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The aws-sigv4 transport signs what it sends: the Authorization header of each captured request
 * (headers and body as handed to the HTTP client) equals the one the AWS SDK's own SigV4 signer
 * computes for it, for Amazon OpenSearch Service ({@code es}) and Serverless ({@code aoss}).
 */
class SigV4TransportTest {
  static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("AKIDEXAMPLE", "secret/key");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T04:00:00Z"), ZoneOffset.UTC);

  record Sent(SdkHttpRequest request, byte[] body) {}

  /** Keeps every request with its body, then fails it: no server is involved. */
  static final class Capturing implements SdkAsyncHttpClient {
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      CompletableFuture<Void> read = new CompletableFuture<>();
      request
          .requestContentPublisher()
          .subscribe(
              new Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Subscription s) {
                  s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer b) {
                  byte[] bytes = new byte[b.remaining()];
                  b.get(bytes);
                  body.writeBytes(bytes);
                }

                @Override
                public void onError(Throwable t) {
                  read.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                  read.complete(null);
                }
              });
      read.join();
      sent.add(new Sent(request.request(), body.toByteArray()));
      IllegalStateException stop = new IllegalStateException("captured");
      request.responseHandler().onError(stop);
      return CompletableFuture.failedFuture(stop);
    }

    @Override
    public void close() {}
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "aoss"})
  void givenSigV4_whenRequestsAreSent_thenEachCarriesTheSignatureTheSdkSignerComputes(
      String service) {
    Capturing http = new Capturing();
    WardenProperties.OpenSearch settings =
        new WardenProperties.OpenSearch(
            "https://search-warden.eu-west-1.es.amazonaws.com",
            "aws-sigv4",
            null,
            null,
            null,
            null,
            null,
            service,
            "eu-west-1");
    OpenSearchClient client =
        new OpenSearchClient(
            OpenSearchClients.sigV4(settings, http, StaticCredentialsProvider.create(KEYS), CLOCK));

    assertThatThrownBy(() -> client.info()).isNotNull();
    assertThatThrownBy(
            () ->
                client.search(
                    s ->
                        s.index("docs-prod")
                            .query(
                                Query.of(
                                    q ->
                                        q.term(
                                            t ->
                                                t.field("tenant_id")
                                                    .value(v -> v.stringValue("acme"))))),
                    Object.class))
        .isNotNull();

    assertThat(http.sent).hasSize(2);
    assertThat(http.sent.get(1).body()).isNotEmpty();
    for (Sent sent : http.sent) {
      String authorization = sent.request().firstMatchingHeader("Authorization").orElseThrow();
      assertThat(authorization)
          .startsWith(
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/"
                  + service
                  + "/aws4_request");
      assertThat(authorization).isEqualTo(resigned(sent, service));
    }
  }

  /**
   * The SDK signer's Authorization for the captured request, computed as a server checks it: over
   * the headers the signature names (the HTTP client may add others, such as Content-Length, after
   * signing) and the body sent.
   */
  private static String resigned(Sent sent, String service) {
    String authorization = sent.request().firstMatchingHeader("Authorization").orElseThrow();
    java.util.Set<String> signed =
        java.util.Set.of(authorization.replaceAll(".*SignedHeaders=([^,]*),.*", "$1").split(";"));
    SdkHttpRequest.Builder unsigned = sent.request().toBuilder();
    for (String name : sent.request().headers().keySet()) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (!signed.contains(lower) || lower.equals("x-amz-date")) {
        unsigned.removeHeader(name);
      }
    }
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(KEYS)
                    .request(unsigned.build())
                    .payload(() -> new ByteArrayInputStream(sent.body()))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK))
        .request()
        .firstMatchingHeader("Authorization")
        .orElseThrow();
  }
}
