package dev.warden.engines.indexpurge;

import dev.warden.engines.opensearch.OpenSearchFailures;
import dev.warden.engines.opensearch.UnpurgeableIndexException;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code that reads and deletes tenant documents in OpenSearch. Tenant documents carry the field
 * {@code tenant_id} and are routed by tenant id; they live in {@code docs-{env}} and {@code
 * logs-{env}-*}. Every lookup is a {@code term} query on an exact (keyword) field, never a
 * full-text match: {@code tenant_id} itself, or its keyword sub-field where a log shipper's dynamic
 * mapping made it text ({@link TenantFields}). Patterns reach aliases and data streams too ({@link
 * IndexTargets}).
 */
public class TenantIndexStore {

  private static final Logger log = LoggerFactory.getLogger(TenantIndexStore.class);

  /** The {@code index.max_result_window} default: the largest page one search may return. */
  public static final int MAX_PAGE = 10_000;

  /** The most lanes one index sweep may run: each holds two threads and one search context. */
  public static final int MAX_LANES = 32;

  public static final String TENANT_FIELD = "tenant_id";

  /**
   * The first pass is routed by tenant id (one shard). Later passes run only while documents are
   * left: unrouted, they catch documents that a writer indexed without the tenant's routing, and
   * {@code _doc} ties across shards that one unrouted pass can skip.
   */
  private static final int MAX_PASSES = 3;

  private final OpenSearchClient client;
  private final IndexTargets targets;

  public TenantIndexStore(OpenSearchClient client) {
    this.client = client;
    this.targets = new IndexTargets(client);
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
   * index has nothing to delete; one without an exact tenant field is refused.
   */
  public IndexCursor purge(
      TenantId tenant, String index, IndexCursor from, int pageSize, IndexPageListener listener) {
    return purge(tenant, index, from, pageSize, 1, IndexJournal.NONE, listener);
  }

  /**
   * As above, sweeping each pass in {@code lanes} parallel slices of its point in time ({@link
   * PitSweep}); 1 sweeps unsliced, one page at a time. Bounded by {@link #MAX_LANES}. {@code
   * journal} hears of every bulk before it is sent and after it answered ({@link
   * IndexJournal#NONE}: nobody).
   */
  public IndexCursor purge(
      TenantId tenant,
      String index,
      IndexCursor from,
      int pageSize,
      int lanes,
      IndexJournal journal,
      IndexPageListener listener) {
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException(
          "index lanes must be between 1 and " + MAX_LANES + ", got " + lanes);
    }
    requireConcrete(index);
    if (from.index() != null && !from.index().equals(index)) {
      throw new IllegalArgumentException("cursor is for index " + from.index() + ", not " + index);
    }
    IndexCursor cursor = from.in(index);
    if (!exists(index)) {
      return cursor;
    }
    String field = exactFields(List.of(index)).getOrDefault(index, TENANT_FIELD);
    // Writes of a tenant under purge are refused (the tenant lock), so an unrouted count after a
    // refresh is the whole truth for this index: 0 needs no point in time and no sweep. Strict, so
    // a closed index fails here instead of counting 0.
    refresh(index);
    if (countStrict(tenant, index, field) == 0) {
      return cursor;
    }
    PitSweep sweep =
        new PitSweep(
            client, tenant, field, Math.min(Math.max(pageSize, 1), MAX_PAGE), lanes, journal);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      if (pass > 0) {
        refresh(index);
        long left = countStrict(tenant, index, field);
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
   * Purges every index behind {@code pattern} (e.g. {@code logs-prod-*}: indices, alias members,
   * data-stream backing indices) in name order. Resuming skips the indices before {@code
   * from.index()} and redoes that one, which the refresh in {@link #purge} makes safe to count.
   */
  public IndexCursor purgeAll(
      TenantId tenant, String pattern, IndexCursor from, int pageSize, IndexPageListener listener) {
    return purgeAll(tenant, pattern, from, pageSize, IndexJournal.NONE, listener);
  }

  /** As above, telling {@code journal} of every bulk (one lane) before and after it. */
  public IndexCursor purgeAll(
      TenantId tenant,
      String pattern,
      IndexCursor from,
      int pageSize,
      IndexJournal journal,
      IndexPageListener listener) {
    List<String> left =
        indices(pattern).stream()
            .filter(i -> from.index() == null || i.compareTo(from.index()) >= 0)
            .toList();
    if (left.isEmpty() || noneLeft(tenant, left)) {
      return from;
    }
    IndexCursor cursor = from;
    for (String index : left) {
      cursor = purge(tenant, index, cursor.in(index), pageSize, 1, journal, listener);
    }
    return cursor;
  }

  /**
   * How many of {@code ids} are documents of {@code tenant} in {@code index} after a refresh: what
   * a bulk of deletes left of them. No routing, so every shard answers. A missing index holds none
   * of them.
   */
  public long present(TenantId tenant, String index, List<String> ids) {
    if (ids.isEmpty() || !exists(index)) {
      return 0;
    }
    String field = exactFields(List.of(index)).getOrDefault(index, TENANT_FIELD);
    refresh(index);
    Query query =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.filter(tenantTerm(field, tenant))
                            .filter(f -> f.ids(i -> i.values(ids)))));
    try {
      return client.count(c -> c.index(index).query(query)).count();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  /** The concrete indices behind {@code pattern}, sorted ({@link IndexTargets}). */
  public List<String> indices(String pattern) {
    return targets.resolve(pattern);
  }

  /**
   * The indices behind {@code pattern} where no exact field can find a tenant's documents, each
   * with its mapping: a purge must not start while this is not empty (the preflight).
   */
  public List<String> unpurgeable(String pattern) {
    return TenantFields.resolve(client, indices(pattern)).problems();
  }

  /**
   * Counts the tenant's documents after a refresh, so deletes just made are reflected: the number a
   * verification step needs (it must reach 0) and what a dry run reports. Missing indices count 0;
   * a closed index is an error, never a count of 0 (a receipt must not certify what it could not
   * read). No routing: a misrouted document must still be found.
   */
  public long count(TenantId tenant, String indexOrPattern) {
    for (int attempt = 1; ; attempt++) {
      List<String> indices = indices(indexOrPattern);
      if (indices.isEmpty()) {
        return 0;
      }
      try {
        return countStrict(tenant, indices);
      } catch (OpenSearchException e) {
        // An index deleted between resolving and counting holds nothing: resolve again.
        if (e.status() != 404 || attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Near-real-time usage for quota reconciliation; skips the refresh that {@link #count} does. */
  public IndexUsage usage(TenantId tenant, String indexOrPattern) {
    return new IndexUsage(countFresh(tenant, indexOrPattern, TENANT_FIELD));
  }

  public static Query tenantTerm(TenantId tenant) {
    return tenantTerm(TENANT_FIELD, tenant);
  }

  static Query tenantTerm(String field, TenantId tenant) {
    return Query.of(q -> q.term(t -> t.field(field).value(v -> v.stringValue(tenant.value()))));
  }

  // Every index must have an exact field; one without makes the whole call fail, loudly.
  private Map<String, String> exactFields(List<String> indices) {
    TenantFields.Resolved resolved = TenantFields.resolve(client, indices);
    if (!resolved.problems().isEmpty()) {
      throw new UnpurgeableIndexException(resolved.problems());
    }
    return resolved.fieldByIndex();
  }

  private long countFresh(TenantId tenant, String target, String field) {
    try {
      return client
          .count(
              c ->
                  c.index(target)
                      .query(tenantTerm(field, tenant))
                      .ignoreUnavailable(true)
                      .allowNoIndices(true))
          .count();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  /**
   * True when none of {@code indices} holds a document of the tenant: one refresh and one count per
   * field for all of them, instead of a refresh, a count and more per index. An index gone since it
   * was resolved answers 404: then each index is purged on its own, which passes a missing one.
   */
  private boolean noneLeft(TenantId tenant, List<String> indices) {
    try {
      return countStrict(tenant, indices) == 0;
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private long countStrict(TenantId tenant, List<String> indices) {
    Map<String, String> fields = exactFields(indices);
    refresh(String.join(",", indices));
    Map<String, List<String>> byField = new TreeMap<>();
    indices.forEach(
        i ->
            byField
                .computeIfAbsent(fields.getOrDefault(i, TENANT_FIELD), f -> new ArrayList<>())
                .add(i));
    long total = 0;
    for (Map.Entry<String, List<String>> group : byField.entrySet()) {
      total += countStrict(tenant, String.join(",", group.getValue()), group.getKey());
    }
    return total;
  }

  // Concrete indices that exist: a closed or vanished one is an error, never a count of 0.
  private long countStrict(TenantId tenant, String indices, String field) {
    try {
      return client.count(c -> c.index(indices).query(tenantTerm(field, tenant))).count();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  private void refresh(String target) {
    try {
      client.indices().refresh(r -> r.index(target).ignoreUnavailable(true).allowNoIndices(true));
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
  }

  private boolean exists(String index) {
    try {
      return client.indices().exists(e -> e.index(index)).value();
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
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
