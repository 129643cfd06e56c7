package dev.warden.workflows.purge;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.Failures;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.StoragePlan;
import dev.warden.workflows.contract.StorageShard;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records a purge whose storage step fans out over three key ranges, two at a time (the {@code
 * storage-fan-out} version): the middle range is refused once, the purge parks, an operator retries
 * and the step is planned again, for {@link TenantPurgeWorkflowReplayTest}. Run it again (main
 * method, test classpath) only when a change is meant to be incompatible.
 */
public final class RecordFanOutHistory {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : TenantPurgeWorkflowReplayTest.FAN_OUT_HISTORY);
    try (PurgeTestHarness h = new PurgeTestHarness()) {
      List<StorageShard> shards =
          List.of(
              new StorageShard(0, null, "tenants/acme/uploads/"),
              new StorageShard(1, "tenants/acme/uploads/", "tenants/acme/uploads/8"),
              new StorageShard(2, "tenants/acme/uploads/8", null));
      when(h.storage.planTenantShards(any())).thenReturn(new StoragePlan(shards, 2));
      AtomicBoolean refused = new AtomicBoolean();
      when(h.storage.purgeTenantShard(any(), any()))
          .thenAnswer(
              call -> {
                StorageShard shard = call.getArgument(1);
                if (shard.index() == 1 && refused.compareAndSet(false, true)) {
                  throw ApplicationFailure.newNonRetryableFailure(
                      "access denied",
                      Failures.STORE_REFUSED.type(),
                      new StepResult(PurgeStep.STORAGE, 2, 20));
                }
                return new StepResult(PurgeStep.STORAGE, 5, 50);
              });
      var workflow = h.start();
      var execution = WorkflowClient.start(workflow::purge, PurgeTestHarness.REQUEST);
      h.env.sleep(Duration.ofMinutes(10));
      workflow.retry("user:operator");
      h.writeHistory(execution, out);
    }
  }
}
