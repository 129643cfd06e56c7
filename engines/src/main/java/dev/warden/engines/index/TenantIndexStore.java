package dev.warden.engines.index;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ExpandWildcard;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.indices.resolve_index.ResolveIndexItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that talks to OpenSearch. Tenant documents carry the keyword field {@code
 * tenant_id} and are routed by tenant id; they live in {@code docs-{env}} and {@code logs-{env}-*}.
 * Every lookup is a {@code term} query on that field, never a full-text match.
 */
public class TenantIndexStore {

  private static final Logger log = LoggerFactory.getLogger(TenantIndexStore.class);

  /** The {@code index.max_result_window} default: the largest page one search may return. */
  public static final int MAX_PAGE = 10_000;

  static final String TENANT_FIELD = "tenant_id";

  /**
   * The first pass is routed by tenant id (one shard). Later passes run only while documents are
   * left: unrouted, they catch documents that a writer indexed without the tenant's routing, and
   * {@code _doc} ties across shards that one unrouted pass can skip.
   */
  private static final int MAX_PASSES = 3;

  private final OpenSearchClient client;

  public TenantIndexStore(OpenSearchClient client) {
    this.client = client;
  }

  public static String docsIndex(Env env) {
    return "docs-" + env.value();
  }

  public static String logsPattern(Env env) {
    return "logs-" + env.value() + "-*";
  }

  /**
   * Deletes every document of {@code tenant} from one concrete index. A cursor from an earlier
   * attempt only contributes its counts: the index is refreshed first, so documents deleted then
   * are no longer found and a new point in time starts from the top of what is left. A missing
   * index has nothing to delete.
   */
  public IndexCursor purge(
      TenantId tenant, String index, IndexCursor from, int pageSize, IndexPageListener listener) {
    requireConcrete(index);
    if (from.index() != null && !from.index().equals(index)) {
      throw new IllegalArgumentException("cursor is for index " + from.index() + ", not " + index);
    }
    IndexCursor cursor = from.in(index);
    if (!exists(index)) {
      return cursor;
    }
    TenantFieldCheck.requireKeyword(client, index);
    PitSweep sweep = new PitSweep(client, tenant, Math.min(Math.max(pageSize, 1), MAX_PAGE));
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      refresh(index);
      if (pass > 0) {
        long left = countFresh(tenant, index);
        if (left == 0) {
          break;
        }
        log.warn(
            "{}: {} doc(s) of {} left after pass {}; sweeping unrouted", index, left, tenant, pass);
      }
      cursor = sweep.run(index, pass == 0 ? tenant.value() : null, cursor, listener);
    }
    return cursor;
  }

  /**
   * Purges every index matching {@code pattern} (e.g. {@code logs-prod-*}) in name order. Resuming
   * skips the indices before {@code from.index()} and redoes that one, which the refresh in {@link
   * #purge} makes safe to count.
   */
  public IndexCursor purgeAll(
      TenantId tenant, String pattern, IndexCursor from, int pageSize, IndexPageListener listener) {
    IndexCursor cursor = from;
    for (String index : indices(pattern)) {
      if (cursor.index() != null && index.compareTo(cursor.index()) < 0) {
        continue;
      }
      cursor = purge(tenant, index, cursor.in(index), pageSize, listener);
    }
    return cursor;
  }

  /**
   * The concrete indices matching {@code pattern}, sorted; closed ones too, so a purge fails on
   * them loudly instead of passing them over. A missing index is an empty list, not an error.
   */
  public List<String> indices(String pattern) {
    try {
      return client
          .indices()
          .resolveIndex(
              r -> r.name(pattern).expandWildcards(ExpandWildcard.Open, ExpandWildcard.Closed))
          .indices()
          .stream()
          .map(ResolveIndexItem::name)
          .sorted()
          .toList();
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Counts the tenant's documents after a refresh, so deletes just made are reflected: the number a
   * verification step needs (it must reach 0) and what a dry run reports. Missing indices count 0.
   * No routing: a misrouted document must still be found.
   */
  public long count(TenantId tenant, String indexOrPattern) {
    TenantFieldCheck.requireKeyword(client, indexOrPattern);
    refresh(indexOrPattern);
    return countFresh(tenant, indexOrPattern);
  }

  /** Near-real-time usage for quota reconciliation; skips the refresh that {@link #count} does. */
  public IndexUsage usage(TenantId tenant, String indexOrPattern) {
    return new IndexUsage(countFresh(tenant, indexOrPattern));
  }

  static Query tenantTerm(TenantId tenant) {
    return Query.of(
        q -> q.term(t -> t.field(TENANT_FIELD).value(v -> v.stringValue(tenant.value()))));
  }

  private long countFresh(TenantId tenant, String target) {
    try {
      return client
          .count(
              c ->
                  c.index(target)
                      .query(tenantTerm(tenant))
                      .ignoreUnavailable(true)
                      .allowNoIndices(true))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void refresh(String target) {
    try {
      client.indices().refresh(r -> r.index(target).ignoreUnavailable(true).allowNoIndices(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean exists(String index) {
    try {
      return client.indices().exists(e -> e.index(index)).value();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Deletes go to the concrete index of each hit; a pattern or list here would hide which ones.
  private static void requireConcrete(String index) {
    if (index == null
        || index.isBlank()
        || index.startsWith("_")
        || index.chars().anyMatch(c -> c == '*' || c == ',' || c == '?')) {
      throw new IllegalArgumentException("purge needs one concrete index, got " + index);
    }
  }
}
