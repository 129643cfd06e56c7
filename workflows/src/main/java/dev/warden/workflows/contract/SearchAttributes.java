package dev.warden.workflows.contract;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Custom search attributes that make purges findable in Temporal UI. */
public final class SearchAttributes {
  public static final SearchAttributeKey<String> TENANT =
      SearchAttributeKey.forKeyword("WardenTenant");
  public static final SearchAttributeKey<String> ENV = SearchAttributeKey.forKeyword("WardenEnv");
  public static final SearchAttributeKey<String> STEP = SearchAttributeKey.forKeyword("WardenStep");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("WardenStatus");
  public static final List<SearchAttributeKey<String>> ALL = List.of(TENANT, ENV, STEP, STATUS);

  private SearchAttributes() {}

  /**
   * Registers the missing keys on the namespace; returns the names it added. Servers that refuse
   * (no operator rights) throw, and the caller decides whether to go on without them.
   */
  public static Set<String> register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Set<String> existing =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap()
              .keySet();
      Map<String, IndexedValueType> missing = new HashMap<>();
      for (SearchAttributeKey<String> key : ALL) {
        if (!existing.contains(key.getName())) {
          missing.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
      }
      if (!missing.isEmpty()) {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putAllSearchAttributes(missing)
                    .build());
      }
      return missing.keySet();
    } finally {
      operator.shutdown();
    }
  }
}
