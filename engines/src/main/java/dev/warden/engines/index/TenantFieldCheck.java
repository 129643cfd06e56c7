package dev.warden.engines.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;

/**
 * Purges and counts find a tenant's documents with a {@code term} query on {@code tenant_id}. In an
 * index that maps the field as analysed text the term matches nothing, and a purge would "succeed"
 * with the data still there, verified as clean. So any such index is refused, loudly.
 */
final class TenantFieldCheck {

  private TenantFieldCheck() {}

  /** Throws when an index behind {@code target} maps {@code tenant_id} as anything but keyword. */
  static void requireKeyword(OpenSearchClient client, String target) {
    List<String> wrong = new ArrayList<>();
    try {
      client
          .indices()
          .getMapping(g -> g.index(target).ignoreUnavailable(true).allowNoIndices(true))
          .result()
          .forEach(
              (index, mapping) -> {
                Property field =
                    mapping.mappings() == null
                        ? null
                        : mapping.mappings().properties().get(TenantIndexStore.TENANT_FIELD);
                if (field != null && field._kind() != Property.Kind.Keyword) {
                  wrong.add(index + " (" + field._kind().jsonValue() + ")");
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(
          "tenant_id must be mapped as keyword, but is not in "
              + wrong
              + ": a term query cannot find the tenant's documents there; fix the mapping"
              + " (reindex) before purging or counting");
    }
  }
}
