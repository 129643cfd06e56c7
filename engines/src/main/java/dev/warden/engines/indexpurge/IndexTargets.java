package dev.warden.engines.indexpurge;

import dev.warden.engines.opensearch.OpenSearchFailures;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ExpandWildcard;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.indices.ResolveIndexResponse;

/**
 * The concrete indices behind a name or pattern: matching indices, the indices behind matching
 * aliases and the backing indices ({@code .ds-…}) of matching data streams. A search or count on
 * {@code logs-prod-*} reaches all three, so a purge must delete from all three.
 */
final class IndexTargets {

  private final OpenSearchClient client;

  IndexTargets(OpenSearchClient client) {
    this.client = client;
  }

  /**
   * Sorted and without duplicates; closed indices too, so a purge fails on them loudly instead of
   * passing them over. A missing index is an empty list, not an error.
   */
  List<String> resolve(String pattern) {
    ResolveIndexResponse resolved;
    try {
      resolved =
          client
              .indices()
              .resolveIndex(
                  r -> r.name(pattern).expandWildcards(ExpandWildcard.Open, ExpandWildcard.Closed));
    } catch (OpenSearchException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw OpenSearchFailures.unreachable(e);
    }
    TreeSet<String> out = new TreeSet<>();
    resolved.indices().forEach(i -> out.add(i.name()));
    resolved.aliases().forEach(a -> out.addAll(a.indices()));
    resolved.dataStreams().forEach(d -> out.addAll(d.backingIndices()));
    return List.copyOf(out);
  }
}
