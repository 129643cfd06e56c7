package dev.warden.workflows.purge;

import static dev.warden.workflows.purge.PurgeTestHarness.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A purge blocked by a kill switch for weeks re-checks rarely (a release wakes it at once by
 * signal), so its history stays far below Temporal's limits.
 */
class KillSwitchLongBlockTest {

  /** Temporal warns at 10,240 history events and refuses at 51,200. */
  static final int HISTORY_BOUND = 10_000;

  private final PurgeTestHarness h = new PurgeTestHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void givenASwitchEngagedFor30Days_whenItExpires_thenThePurgeEndsWithABoundedHistory() {
    long until = h.env.currentTimeMillis() + Duration.ofDays(30).toMillis();
    GuardDecision blocked = GuardDecision.blocked("ks-1", "tenant:acme", "incident 7");
    when(h.guard.check(any(), any()))
        .thenAnswer(call -> h.env.currentTimeMillis() < until ? blocked : GuardDecision.ALLOWED);

    TenantPurgeWorkflow workflow = h.start();
    var execution = WorkflowClient.start(workflow::purge, REQUEST);
    PurgeOutcome outcome =
        h.env
            .getWorkflowClient()
            .newUntypedWorkflowStub(execution.getWorkflowId())
            .getResult(PurgeOutcome.class);

    assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
    assertThat(h.env.currentTimeMillis()).isGreaterThanOrEqualTo(until);
    int events =
        h.env
            .getWorkflowClient()
            .fetchHistory(execution.getWorkflowId())
            .getHistory()
            .getEventsCount();
    assertThat(events).isLessThan(HISTORY_BOUND);
  }
}
