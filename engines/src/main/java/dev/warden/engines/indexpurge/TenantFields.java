package dev.warden.engines.indexpurge;

import dev.warden.engines.opensearch.OpenSearchFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.KeywordProperty;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.PropertyBase;

/**
 * Which field finds a tenant's documents exactly, index by index. A keyword {@code tenant_id} is
 * used as it is. Log shippers (Fluent Bit, Logstash, Vector) create their indices with dynamic
 * mapping, where {@code tenant_id} is analysed text with a keyword sub-field: there the sub-field
 * ({@code tenant_id.keyword}) is used, because a {@code term} on the text field would match the
 * token {@code acme} inside {@code acme-eu}, and a {@code match} even more. An index with no exact
 * field for the tenant cannot be purged or counted and is reported, never passed over.
 */
final class TenantFields {

  /** The longest tenant id ({@code TenantId.RULE}); a shorter {@code ignore_above} hides some. */
  static final int MAX_TENANT_LENGTH = 63;

  /**
   * @param fieldByIndex the exact field per index, for every index that has one
   * @param problems one line per index that has none, naming the index and its mapping
   */
  record Resolved(Map<String, String> fieldByIndex, List<String> problems) {}

  private TenantFields() {}

  /** Reads the mappings of {@code indices} (concrete names) and picks each one's exact field. */
  static Resolved resolve(OpenSearchClient client, List<String> indices) {
    Map<String, String> fields = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (indices.isEmpty()) {
      return new Resolved(fields, problems);
    }
    try {
      client
          .indices()
          .getMapping(g -> g.index(indices).ignoreUnavailable(true).allowNoIndices(true))
          .result()
          .forEach(
              (index, mapping) -> {
                Property field =
                    mapping.mappings() == null
                        ? null
                        : mapping.mappings().properties().get(TenantIndexStore.TENANT_FIELD);
                String exact = exactField(field);
                if (exact != null) {
                  fields.put(index, exact);
                } else {
                  problems.add(index + " maps tenant_id as " + describe(field));
                }
              });
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
    return new Resolved(fields, List.copyOf(problems));
  }

  /**
   * The exact field for a {@code tenant_id} mapping, or null when it has none. An unmapped field
   * means no document of the index carries it yet: {@code tenant_id} itself finds nothing there,
   * which is the truth.
   */
  static String exactField(Property field) {
    if (field == null) {
      return TenantIndexStore.TENANT_FIELD;
    }
    if (field.isKeyword()) {
      return holdsEveryTenant(field.keyword()) ? TenantIndexStore.TENANT_FIELD : null;
    }
    if (field._get() instanceof PropertyBase base && base.fields() != null) {
      // "keyword" first: the name dynamic mapping gives it; then any other keyword sub-field.
      Property preferred = base.fields().get("keyword");
      if (preferred != null && preferred.isKeyword() && holdsEveryTenant(preferred.keyword())) {
        return TenantIndexStore.TENANT_FIELD + ".keyword";
      }
      for (Map.Entry<String, Property> sub : new TreeMap<>(base.fields()).entrySet()) {
        if (sub.getValue().isKeyword() && holdsEveryTenant(sub.getValue().keyword())) {
          return TenantIndexStore.TENANT_FIELD + "." + sub.getKey();
        }
      }
    }
    return null;
  }

  // A keyword with ignore_above below a tenant id's length does not index that id at all, and a
  // normalizer rewrites it: neither is an exact field for every tenant.
  private static boolean holdsEveryTenant(PropertyBase keyword) {
    Integer ignoreAbove = keyword.ignoreAbove();
    boolean normalized = keyword instanceof KeywordProperty k && k.normalizer() != null;
    return (ignoreAbove == null || ignoreAbove >= MAX_TENANT_LENGTH) && !normalized;
  }

  private static String describe(Property field) {
    String kind = field._kind().jsonValue();
    if (field.isKeyword()) {
      return kind + " with ignore_above or a normalizer that hides some tenant ids";
    }
    return kind + " without a keyword sub-field (no exact match possible)";
  }
}
