package dev.warden.engines.index;

import java.net.URI;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Builds the one kind of OpenSearch client Warden uses, from a base URL. */
public final class OpenSearchClients {
  private OpenSearchClients() {}

  public static OpenSearchClient create(String baseUrl) {
    URI url = URI.create(baseUrl);
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
    return new OpenSearchClient(
        ApacheHttpClient5TransportBuilder.builder(host)
            .setMapper(new JacksonJsonpMapper())
            .build());
  }
}
