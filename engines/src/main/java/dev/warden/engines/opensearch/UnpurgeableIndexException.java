package dev.warden.engines.opensearch;

import java.util.List;

/**
 * An index where no exact field finds a tenant's documents (e.g. {@code tenant_id} mapped as text
 * without a keyword sub-field): a term query finds nothing there, so a purge would "succeed" and
 * verify clean with the data still in place. Fix the mapping (reindex) before purging.
 */
public class UnpurgeableIndexException extends IllegalStateException {

  private final List<String> problems;

  public UnpurgeableIndexException(List<String> problems) {
    super(
        "no exact tenant field in "
            + problems
            + ": a term query cannot find the tenant's documents there; map tenant_id as keyword"
            + " (or give it a keyword sub-field) and reindex before purging or counting");
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
