package dev.warden.engines.documents;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's tenant documents in {@code docs-{env}}. */
@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

  @Bean
  TenantDocumentStore tenantDocumentStore(OpenSearchClient client) {
    return new TenantDocumentStore(client);
  }
}
