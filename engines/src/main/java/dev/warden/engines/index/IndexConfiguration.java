package dev.warden.engines.index;

import dev.warden.engines.config.WardenProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one OpenSearch client and the stores built on it. */
@Configuration(proxyBeanMethods = false)
public class IndexConfiguration {

  @Bean
  OpenSearchClient openSearchClient(WardenProperties properties) {
    return OpenSearchClients.create(properties.openSearch().url());
  }

  @Bean
  TenantIndexStore tenantIndexStore(OpenSearchClient client) {
    return new TenantIndexStore(client);
  }

  @Bean
  IndexProgress indexProgress(JdbcClient jdbc) {
    return new IndexProgress(jdbc);
  }

  @Bean
  TenantDocumentStore tenantDocumentStore(OpenSearchClient client) {
    return new TenantDocumentStore(client);
  }
}
