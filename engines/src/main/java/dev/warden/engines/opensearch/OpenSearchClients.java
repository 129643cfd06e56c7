package dev.warden.engines.opensearch;

import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.indexpurge.RecordedIndexPurge;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the one kind of OpenSearch client Warden uses: Apache HttpClient 5 (no auth, or basic auth
 * sent with every request) or, for Amazon OpenSearch Service, opensearch-java's AWS SDK v2
 * transport signing with SigV4 (on the SDK's Netty client: its Apache clients cannot send the body
 * of the DELETE that closes a point in time). Either way the same three bounds hold.
 */
public final class OpenSearchClients {
  private OpenSearchClients() {}

  /** How long a request waits for a pooled connection before it fails unsent. */
  public static final Duration LEASE_TIMEOUT = Duration.ofSeconds(30);

  /** How long connecting may take (the transport builder's default). */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  /** How long the client waits for a sent request's answer (the transport builder's default). */
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The longest a call of this client is awaited, counted from just before it was made: a lease, a
   * connect, then the server's silence for the response timeout (neither transport makes automatic
   * retries: the SigV4 one calls the SDK's HTTP client directly, outside the SDK's retrying
   * pipeline). A bulk recorded as pending before its call has been answered or given up by then; a
   * takeover waits this long before it counts what the bulk left ({@link RecordedIndexPurge}).
   */
  public static final Duration REQUEST_BOUND =
      LEASE_TIMEOUT.plus(CONNECT_TIMEOUT).plus(RESPONSE_TIMEOUT);

  /** A cluster at {@code baseUrl} without credentials (tests, local runs). */
  public static OpenSearchClient create(String baseUrl) {
    return create(WardenProperties.OpenSearch.at(baseUrl));
  }

  public static OpenSearchClient create(WardenProperties.OpenSearch settings) {
    URI url = URI.create(settings.url());
    if (url.getUserInfo() != null) {
      throw new IllegalStateException(
          "WARDEN_OPENSEARCH_URL carries credentials: give them as WARDEN_OPENSEARCH_AUTH=basic"
              + " with WARDEN_OPENSEARCH_USERNAME and WARDEN_OPENSEARCH_PASSWORD (or their _FILE)");
    }
    String auth =
        settings.auth() == null ? "none" : settings.auth().trim().toLowerCase(Locale.ROOT);
    return switch (auth) {
      case "none", "" -> new OpenSearchClient(apache(settings, url, null));
      case "basic" ->
          new OpenSearchClient(
              apache(settings, url, OpenSearchCredentials.basicAuthorization(settings)));
      case "aws-sigv4" ->
          new OpenSearchClient(
              sigV4(
                  settings,
                  sigV4Http(settings),
                  DefaultCredentialsProvider.builder().build(),
                  Clock.systemUTC()));
      default ->
          throw new IllegalStateException(
              "WARDEN_OPENSEARCH_AUTH must be none, basic or aws-sigv4, was " + settings.auth());
    };
  }

  private static OpenSearchTransport apache(
      WardenProperties.OpenSearch settings, URI url, String authorization) {
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
    ApacheHttpClient5TransportBuilder builder =
        ApacheHttpClient5TransportBuilder.builder(host)
            .setMapper(new JacksonJsonpMapper())
            .setRequestConfigCallback(
                r ->
                    r.setConnectionRequestTimeout(timeout(LEASE_TIMEOUT))
                        .setResponseTimeout(timeout(RESPONSE_TIMEOUT)))
            .setConnectionConfigCallback(
                c ->
                    c.setConnectTimeout(timeout(CONNECT_TIMEOUT))
                        .setSocketTimeout(timeout(RESPONSE_TIMEOUT)));
    if (authorization != null) {
      // Sent with every request, not after a 401 challenge: one round trip per call.
      builder.setDefaultHeaders(
          new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, authorization)});
    }
    if (isSet(settings.caFile())) {
      // The builder's own pool, with the same limits and timeouts, trusting the given CA.
      var tls =
          ClientTlsStrategyBuilder.create()
              .setSslContext(OpenSearchTls.sslContext(settings.caFile().trim()))
              .build();
      builder.setHttpClientConfigCallback(
          h ->
              h.setConnectionManager(
                  PoolingAsyncClientConnectionManagerBuilder.create()
                      .setMaxConnPerRoute(
                          ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
                      .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
                      .setDefaultConnectionConfig(
                          ConnectionConfig.custom()
                              .setConnectTimeout(timeout(CONNECT_TIMEOUT))
                              .setSocketTimeout(timeout(RESPONSE_TIMEOUT))
                              .build())
                      .setTlsStrategy(tls)
                      .build()));
    }
    return builder.build();
  }

  /** The SDK HTTP client of the SigV4 transport, with the same lease, connect and read bounds. */
  static SdkAsyncHttpClient sigV4Http(WardenProperties.OpenSearch settings) {
    NettyNioAsyncHttpClient.Builder http =
        NettyNioAsyncHttpClient.builder()
            .connectionAcquisitionTimeout(LEASE_TIMEOUT)
            .connectionTimeout(CONNECT_TIMEOUT)
            .readTimeout(RESPONSE_TIMEOUT)
            .writeTimeout(RESPONSE_TIMEOUT);
    if (isSet(settings.caFile())) {
      String ca = settings.caFile().trim();
      http.tlsTrustManagersProvider(() -> OpenSearchTls.trustManagers(ca));
    }
    return http.build();
  }

  /** SigV4-signed requests to {@code https://{host}} for service {@code es} or {@code aoss}. */
  static OpenSearchTransport sigV4(
      WardenProperties.OpenSearch settings,
      SdkAsyncHttpClient http,
      AwsCredentialsProvider credentials,
      Clock clock) {
    URI url = URI.create(settings.url());
    String host = url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    String service = settings.awsService() == null ? "es" : settings.awsService().trim();
    if (!service.equals("es") && !service.equals("aoss")) {
      throw new IllegalStateException(
          "WARDEN_OPENSEARCH_AWS_SERVICE must be es or aoss, was " + service);
    }
    return new AwsSdk2Transport(
        http,
        host,
        service,
        Region.of(settings.awsRegion()),
        AwsSdk2TransportOptions.builder()
            .setCredentials(credentials)
            .setMapper(new JacksonJsonpMapper())
            .setSigningClock(clock)
            .build());
  }

  private static boolean isSet(String s) {
    return s != null && !s.isBlank();
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }
}
