package dev.warden.workflows.contract;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.List;

/** Custom search attributes that make purges findable in Temporal UI: names and types only. */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> TENANT =
      SearchAttributeKey.forKeyword("WardenTenant");
  public static final SearchAttributeKey<String> ENV = SearchAttributeKey.forKeyword("WardenEnv");
  public static final SearchAttributeKey<String> STEP = SearchAttributeKey.forKeyword("WardenStep");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("WardenStatus");

  /** When the erasure is due (GDPR deadline, extensions included): sort and filter on it. */
  public static final SearchAttributeKey<OffsetDateTime> DUE_AT =
      SearchAttributeKey.forOffsetDateTime("WardenDueAt");

  public static final List<SearchAttributeKey<?>> ALL = List.of(TENANT, ENV, STEP, STATUS, DUE_AT);

  private SearchAttributes() {}
}
