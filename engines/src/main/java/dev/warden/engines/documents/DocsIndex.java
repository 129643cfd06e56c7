package dev.warden.engines.documents;

import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.opensearch.OpenSearchFailures;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The {@code docs-{env}} indices and their mapping: created on first use, or checked once per index
 * per process, so the document store never writes where {@code tenant_id} is not a keyword.
 */
final class DocsIndex {

  private static final TypeMapping MAPPING =
      TypeMapping.of(
          m ->
              m.properties(TenantIndexStore.TENANT_FIELD, p -> p.keyword(k -> k))
                  .properties("doc_id", p -> p.keyword(k -> k))
                  .properties("text", p -> p.text(t -> t))
                  .properties("attributes", p -> p.object(o -> o.enabled(false))));

  private final OpenSearchClient client;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  DocsIndex(OpenSearchClient client) {
    this.client = client;
  }

  /**
   * Creates the index with its mapping, or checks an existing one: {@code tenant_id} mapped as text
   * would make a {@code term} on {@code acme} also match {@code acme-eu}.
   */
  void ensure(String index) {
    if (ready.contains(index)) {
      return;
    }
    if (!exists(index)) {
      try {
        call(() -> client.indices().create(c -> c.index(index).mappings(MAPPING)));
      } catch (OpenSearchException e) {
        if (!"resource_already_exists_exception".equals(e.error().type())) {
          throw e; // else another replica created it first
        }
      }
    }
    requireKeywordTenant(index);
    ready.add(index);
  }

  private void requireKeywordTenant(String index) {
    Property tenantField =
        call(() -> client.indices().getMapping(g -> g.index(index)))
            .result()
            .values()
            .iterator()
            .next()
            .mappings()
            .properties()
            .get(TenantIndexStore.TENANT_FIELD);
    if (tenantField == null) {
      call(
          () ->
              client
                  .indices()
                  .putMapping(
                      p ->
                          p.index(index)
                              .properties(TenantIndexStore.TENANT_FIELD, f -> f.keyword(k -> k))));
    } else if (!tenantField.isKeyword()) {
      throw new IllegalStateException(
          "%s maps %s as %s, not keyword: tenant isolation cannot be guaranteed"
              .formatted(index, TenantIndexStore.TENANT_FIELD, tenantField._kind()));
    }
  }

  boolean exists(String index) {
    return call(() -> client.indices().exists(e -> e.index(index))).value();
  }

  private interface Call<T> {
    T run() throws IOException;
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }
}
