package dev.warden.workflows.admin;

import dev.warden.workflows.contract.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator-service calls that put Warden's {@link SearchAttributes} on a namespace. Kept out of the
 * contract package (names and types only) and shared by the worker, the API's first start and the
 * test fixtures, so there is one copy.
 */
public final class SearchAttributeAdmin {

  private SearchAttributeAdmin() {}

  /**
   * Registers the missing keys on the namespace; returns the names it added. A server that refuses
   * (no operator rights) throws, and the caller decides whether to go on without them.
   */
  public static Set<String> register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      Set<String> existing = existing(operator, namespace);
      Set<String> added = new TreeSet<>();
      for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
        if (!existing.contains(key.getName()) && add(operator, namespace, key)) {
          added.add(key.getName());
        }
      }
      return added;
    } finally {
      operator.shutdown();
    }
  }

  // Temporal's Java test server implements adding but not listing: then try every key.
  private static Set<String> existing(OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap()
          .keySet();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Set.of();
      }
      throw e;
    }
  }

  private static boolean add(
      OperatorServiceStubs operator, String namespace, SearchAttributeKey<?> key) {
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putSearchAttributes(key.getName(), key.getValueType())
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    }
  }
}
