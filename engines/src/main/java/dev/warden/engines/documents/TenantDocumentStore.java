package dev.warden.engines.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.opensearch.OpenSearchFailures;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Result;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.IndexResponse;
import org.opensearch.client.opensearch.core.get.GetResult;
import org.opensearch.client.opensearch.core.search.HitsMetadata;

/**
 * Tenants' documents in {@code docs-{env}}: indexed, searched and fetched, always for one tenant.
 * Each document carries {@code tenant_id} (keyword) and is routed by tenant; its OpenSearch id is
 * {@code {tenantId}:{docId}}, so two tenants' doc ids never collide. Searches filter with a {@code
 * term} on {@code tenant_id}, and every answer is checked to belong to the tenant before it leaves.
 */
public class TenantDocumentStore {

  public static final int MAX_SEARCH_SIZE = 100;

  /** What the index keeps per document; {@code attributes} is stored but not indexed. */
  record Source(
      @JsonProperty("tenant_id") String tenantId,
      @JsonProperty("doc_id") String docId,
      String text,
      Map<String, Object> attributes) {}

  /** The outcome of one index call: a new document, or a new version of an existing one. */
  public record Indexed(DocumentId id, String index, boolean created, long version) {}

  /** One search hit of the tenant. */
  public record Hit(TenantDocument document, double score) {}

  /** A page of hits and how many of the tenant's documents matched in all. */
  public record Hits(long total, List<Hit> hits) {}

  private final OpenSearchClient client;
  private final DocsIndex docsIndex;

  public TenantDocumentStore(OpenSearchClient client) {
    this.client = client;
    this.docsIndex = new DocsIndex(client);
  }

  /** The OpenSearch {@code _id} of a tenant's document. */
  public static String openSearchId(TenantId tenant, DocumentId id) {
    return tenant.value() + ":" + id.value();
  }

  /** Creates or replaces the tenant's document; creates {@code docs-{env}} first if missing. */
  public Indexed index(Env env, TenantId tenant, TenantDocument document) {
    String index = TenantIndexStore.docsIndex(env);
    docsIndex.ensure(index);
    Source source =
        new Source(tenant.value(), document.id().value(), document.text(), document.attributes());
    IndexResponse response =
        call(
            () ->
                client.index(
                    i ->
                        i.index(index)
                            .id(openSearchId(tenant, document.id()))
                            .routing(tenant.value())
                            .document(source)));
    return new Indexed(
        document.id(), index, response.result() == Result.Created, response.version());
  }

  /**
   * A full-text match on {@code text}, filtered by a {@code term} on the tenant and routed to its
   * shard. Near real time: a document shows up after the next refresh (within a second).
   */
  public Hits search(Env env, TenantId tenant, String query, int size) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("q is required");
    }
    if (size < 1 || size > MAX_SEARCH_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and %d, was %d".formatted(MAX_SEARCH_SIZE, size));
    }
    HitsMetadata<Source> hits =
        call(() ->
                client.search(
                    s ->
                        s.index(TenantIndexStore.docsIndex(env))
                            .routing(tenant.value())
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(size)
                            .query(tenantMatch(tenant, query)),
                    Source.class))
            .hits();
    List<Hit> out =
        hits.hits().stream()
            .map(h -> new Hit(owned(tenant, h.id(), h.source()), h.score() == null ? 0 : h.score()))
            .toList();
    return new Hits(hits.total() == null ? out.size() : hits.total().value(), out);
  }

  /**
   * The tenant's documents with these ids, in the order asked; ids it does not have are absent.
   * Real time: a document is found as soon as it was indexed.
   */
  public Map<DocumentId, TenantDocument> get(Env env, TenantId tenant, Collection<DocumentId> ids) {
    Map<DocumentId, TenantDocument> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    String index = TenantIndexStore.docsIndex(env);
    if (!docsIndex.exists(index)) {
      return found;
    }
    List<String> openSearchIds = ids.stream().map(id -> openSearchId(tenant, id)).toList();
    call(() ->
            client.mget(
                m -> m.index(index).routing(tenant.value()).ids(openSearchIds), Source.class))
        .docs()
        .forEach(
            item -> {
              if (item.isFailure()) {
                throw new IllegalStateException(
                    "fetching " + item.failure().id() + ": " + item.failure().error().reason());
              }
              GetResult<Source> result = item.result();
              if (result.found()) {
                TenantDocument document = owned(tenant, result.id(), result.source());
                found.put(document.id(), document);
              }
            });
    return found;
  }

  /** A {@code term} filter on the tenant (never scored, never analysed) and a match on text. */
  static Query tenantMatch(TenantId tenant, String text) {
    Query match = Query.of(q -> q.match(m -> m.field("text").query(FieldValue.of(text))));
    return Query.of(q -> q.bool(b -> b.filter(TenantIndexStore.tenantTerm(tenant)).must(match)));
  }

  // Defence in depth: a foreign document must never leave, whatever the query or mapping did.
  private static TenantDocument owned(TenantId tenant, String openSearchId, Source source) {
    if (source == null || !tenant.value().equals(source.tenantId())) {
      throw new IllegalStateException(
          "document %s of another tenant was returned for %s; refusing to serve it"
              .formatted(openSearchId, tenant));
    }
    // Documents other writers indexed may lack doc_id: their id then names them.
    String prefix = tenant.value() + ":";
    String docId =
        source.docId() != null
            ? source.docId()
            : openSearchId.startsWith(prefix)
                ? openSearchId.substring(prefix.length())
                : openSearchId;
    return new TenantDocument(
        DocumentId.of(docId), source.text() == null ? "" : source.text(), source.attributes());
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
