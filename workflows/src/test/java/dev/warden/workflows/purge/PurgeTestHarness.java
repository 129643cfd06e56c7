package dev.warden.workflows.purge;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.GuardActivities;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.IndexActivities;
import dev.warden.workflows.contract.InventoryActivities;
import dev.warden.workflows.contract.LogActivities;
import dev.warden.workflows.contract.PreflightActivities;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeDecisionKind;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StorageActivities;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import dev.warden.workflows.contract.StoreInventory;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A time-skipping Temporal with every purge activity mocked, all answering "fine" by default. */
final class PurgeTestHarness implements AutoCloseable {

  static final PurgeRequest REQUEST = gdprRequest(0, 0, 0, 0);

  /** The plan of a tenant with too few objects to split: one range, the whole prefix. */
  /** A request {@code p-1} of {@code acme} in {@code prod} by {@code user:dpo}, reason "r". */
  static PurgeRequest request(
      long graceSeconds,
      boolean dryRun,
      int approvals,
      long approvalTimeoutSeconds,
      long dueAtMillis) {
    return new PurgeRequest(
        "p-1",
        "acme",
        "prod",
        "user:dpo",
        "r",
        null,
        "t",
        graceSeconds,
        dryRun,
        approvals,
        approvalTimeoutSeconds,
        dueAtMillis);
  }

  /** A real request {@code p-1} as the recorded histories carry it (GDPR art. 17, GDPR-123). */
  static PurgeRequest gdprRequest(
      long graceSeconds, int approvals, long approvalTimeoutSeconds, long dueAtMillis) {
    return new PurgeRequest(
        "p-1",
        "acme",
        "prod",
        "user:dpo",
        "GDPR art. 17",
        "GDPR-123",
        "t-1",
        graceSeconds,
        false,
        approvals,
        approvalTimeoutSeconds,
        dueAtMillis);
  }

  static final StorageShard WHOLE_PREFIX = new StorageShard(0, null, null);

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final PurgeRecordActivities records = mockOf(PurgeRecordActivities.class);
  final StorageActivities storage = mockOf(StorageActivities.class);
  final IndexActivities index = mockOf(IndexActivities.class);
  final LogActivities logs = mockOf(LogActivities.class);
  final InventoryActivities inventory = mockOf(InventoryActivities.class);
  final GuardActivities guard = mockOf(GuardActivities.class);
  final PreflightActivities preflight = mockOf(PreflightActivities.class);

  private java.util.function.Function<PurgeRecordActivities, PurgeRecordActivities>
      recordActivities = r -> new TransitionsAsCalls(r, guard);

  /** Registers other record activities around the mock (before {@link #start}). */
  void recordsAs(
      java.util.function.Function<PurgeRecordActivities, PurgeRecordActivities> activities) {
    recordActivities = activities;
  }

  PurgeTestHarness() {
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    when(guard.check(any(), any())).thenReturn(GuardDecision.ALLOWED);
    when(records.takeDecision(any())).thenAnswer(call -> take(call.getArgument(0)));
    when(inventory.inventory(any())).thenReturn(StoreInventory.EMPTY);
    when(preflight.preflight(any())).thenReturn(java.util.List.of());
    when(storage.purgeTenantObjects(any())).thenReturn(new StepResult(PurgeStep.STORAGE, 7, 700));
    when(storage.planTenantShards(any()))
        .thenReturn(new StoragePlan(java.util.List.of(WHOLE_PREFIX), 4));
    when(storage.purgeTenantShard(any(), any()))
        .thenReturn(new StepResult(PurgeStep.STORAGE, 7, 700));
    when(index.purgeTenantDocuments(any())).thenReturn(new StepResult(PurgeStep.INDEX, 5, 0));
    when(logs.purgeTenantLogs(any())).thenReturn(new StepResult(PurgeStep.LOGS, 3, 30));
  }

  // The decisions "the API recorded": a recorded signal is taken only when its id is here.
  private final java.util.Map<String, PurgeDecision> book =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Records an approval by {@code actor} as the API would; returns the id to signal. */
  String approval(String actor) {
    return decide(PurgeDecisionKind.APPROVE, actor, null, 0);
  }

  String rejection(String actor, String reason) {
    return decide(PurgeDecisionKind.REJECT, actor, reason, 0);
  }

  String cancel(String actor, String reason) {
    return decide(PurgeDecisionKind.CANCEL, actor, reason, 0);
  }

  String extension(String actor, long dueAtMillis) {
    return decide(PurgeDecisionKind.EXTEND, actor, null, dueAtMillis);
  }

  private String decide(PurgeDecisionKind kind, String actor, String reason, long dueAtMillis) {
    String id = java.util.UUID.randomUUID().toString();
    book.put(id, new PurgeDecision(id, kind, actor, reason, dueAtMillis));
    return id;
  }

  // Taken when recorded for this kind (the purge is always p-1 here); refused (null) otherwise.
  private PurgeDecision take(DecisionSignal signal) {
    PurgeDecision d = signal.decisionId() == null ? null : book.get(signal.decisionId());
    return d != null && d.kind() == signal.kind() ? d : null;
  }

  private static <T> T mockOf(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  /** Registers the worker; call after the test has set up its stubs. */
  TenantPurgeWorkflow start() {
    Worker worker = env.newWorker(TaskQueues.PURGE);
    worker.registerWorkflowImplementationTypes(TenantPurgeWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        recordActivities.apply(records), storage, index, logs, inventory, guard, preflight);
    env.start();
    return stub();
  }

  TenantPurgeWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            TenantPurgeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.tenantPurge("prod", "acme"))
                .setTaskQueue(TaskQueues.PURGE)
                .build());
  }

  /**
   * Waits for the workflow's end and writes its history as JSON to {@code out} (a replay fixture).
   */
  void writeHistory(WorkflowExecution execution, Path out) throws IOException {
    env.getWorkflowClient()
        .newUntypedWorkflowStub(execution.getWorkflowId())
        .getResult(Object.class);
    String json = env.getWorkflowClient().fetchHistory(execution.getWorkflowId()).toJson(true);
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.println("wrote " + out);
  }

  @Override
  public void close() {
    env.close();
  }
}
