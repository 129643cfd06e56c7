package dev.warden.engines.opensearch;

import dev.warden.engines.indexpurge.RecordedIndexPurge;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Builds the one kind of OpenSearch client Warden uses, from a base URL. */
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
   * connect, then the server's silence for the response timeout (the transport makes no automatic
   * retries). A bulk recorded as pending before its call has been answered or given up by then; a
   * takeover waits this long before it counts what the bulk left ({@link RecordedIndexPurge}).
   */
  public static final Duration REQUEST_BOUND =
      LEASE_TIMEOUT.plus(CONNECT_TIMEOUT).plus(RESPONSE_TIMEOUT);

  public static OpenSearchClient create(String baseUrl) {
    URI url = URI.create(baseUrl);
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
    return new OpenSearchClient(
        ApacheHttpClient5TransportBuilder.builder(host)
            .setMapper(new JacksonJsonpMapper())
            .setRequestConfigCallback(
                r ->
                    r.setConnectionRequestTimeout(timeout(LEASE_TIMEOUT))
                        .setResponseTimeout(timeout(RESPONSE_TIMEOUT)))
            .setConnectionConfigCallback(
                c ->
                    c.setConnectTimeout(timeout(CONNECT_TIMEOUT))
                        .setSocketTimeout(timeout(RESPONSE_TIMEOUT)))
            .build());
  }

  private static Timeout timeout(Duration d) {
    return Timeout.ofMilliseconds(d.toMillis());
  }
}
