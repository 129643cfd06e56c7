package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.reconcile.ReconciliationRuns;
import dev.warden.engines.testing.DevStackProperties;
import dev.warden.engines.testing.S3Fixture;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal's Java test server has no Schedules: the worker app falls back to a cron workflow with
 * the Schedule's id, and that workflow really fires and reconciles.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconciliationCronFallbackIT {

  @Autowired WorkflowClient temporal;
  @Autowired ReconciliationRuns runs;
  @Autowired QuotaLedger ledger;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "cronit");
    registry.add("warden.reconcile.cron", () -> "* * * * *");
  }

  /** The every-minute cron would otherwise go on firing for the rest of the test server's life. */
  @AfterEach
  void stopTheCron() {
    try {
      temporal.newUntypedWorkflowStub("quota-reconciliation/cronit").terminate("test done");
    } catch (WorkflowNotFoundException betweenRuns) {
      // The test server answers "Completed workflow" between two cron runs; a later run is
      // stopped with the server at the end of the build.
    }
  }

  @Test
  void givenTheTestServer_whenTheWorkerStarts_thenAnEveryMinuteCronWorkflowRunsTheReconciliation() {
    String tenant = "cron-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Fixture s3 = new S3Fixture(DevStackExtension.endpoints())) {
      s3.put("tenants/" + tenant + "/f", "123456");
    }
    // A cron run begun before the put left the object to the next run (its cutoff came first).
    Instant put = Instant.now();
    var description = temporal.newUntypedWorkflowStub("quota-reconciliation/cronit").describe();
    assertThat(description.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    ReconciliationRuns.Run run =
        await()
            .atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    runs.recent("cronit", 10).stream()
                        .filter(r -> r.requestedBy().equals("system:schedule"))
                        .filter(r -> r.requestedAt().isAfter(put))
                        .filter(r -> r.status().equals("COMPLETED"))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();

    assertThat(ledger.find(tenant, "cronit").orElseThrow().storageBytesUsed()).isEqualTo(6);
    assertThat(run.workflowId()).isEqualTo("quota-reconciliation/cronit");
    assertThat(run.mode()).isEqualTo("sweep");
  }
}
