package dev.warden.engines.opensearch;

import dev.warden.engines.config.WardenProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one OpenSearch client; the index purge and the API's documents wire their stores on it. */
@Configuration(proxyBeanMethods = false)
public class OpenSearchConfiguration {

  @Bean
  OpenSearchClient openSearchClient(WardenProperties properties) {
    return OpenSearchClients.create(properties.openSearch());
  }

  /** Refused credentials or an untrusted certificate stop the start (one line, no trace). */
  @Bean
  OpenSearchAccessCheck openSearchAccessCheck(
      OpenSearchClient openSearchClient, WardenProperties properties) {
    return new OpenSearchAccessCheck(openSearchClient, properties.openSearch());
  }
}
