package dev.warden.engines.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One page of a tenant's trail: optionally one env, some types, a time range [{@code from}, {@code
 * to}); after or before an event (its id is the cursor); oldest or newest first.
 */
public record EventQuery(
    String tenantId,
    String env,
    Set<DatasetEventType> types,
    Instant from,
    Instant to,
    UUID after,
    UUID before,
    boolean newestFirst,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public EventQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    types = types == null ? Set.of() : Set.copyOf(types);
  }
}
