package dev.warden.engines.indexpurge;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tenant index store (purge, count, usage) and its recorded progress. */
@Configuration(proxyBeanMethods = false)
public class IndexPurgeConfiguration {

  @Bean
  TenantIndexStore tenantIndexStore(OpenSearchClient client) {
    return new TenantIndexStore(client);
  }

  @Bean
  IndexProgress indexProgress(JdbcClient jdbc) {
    return new IndexProgress(jdbc);
  }
}
