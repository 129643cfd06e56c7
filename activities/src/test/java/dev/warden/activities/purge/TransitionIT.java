package dev.warden.activities.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.workflows.contract.GuardDecision;
import dev.warden.workflows.contract.PurgeEvent;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.PurgeStatus;
import dev.warden.workflows.contract.PurgeStep;
import dev.warden.workflows.contract.RecordWrite;
import dev.warden.workflows.contract.StepResult;
import dev.warden.workflows.contract.Transition;
import dev.warden.workflows.contract.TransitionResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transitions on the real PostgreSQL: one transaction, the guard's writes only when it allows. */
@ExtendWith(DevStackExtension.class)
class TransitionIT {

  private final DbFixture db = new DbFixture(DevStackExtension.endpoints());
  private final PurgeRecordStore purges = new PurgeRecordStore(db.jdbc());
  private final DatasetEventStore events = new DatasetEventStore(db.jdbc(), new ObjectMapper());
  private final AtomicReference<GuardDecision> guard = new AtomicReference<>(GuardDecision.ALLOWED);
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final String tenant = "tr-" + UUID.randomUUID().toString().substring(0, 8);
  private PurgeRecordActivities records;

  private PurgeRecordActivities records() {
    temporal.registerActivitiesImplementations(
        RecordActivitiesOnDb.of(db, events, (request, step) -> guard.get()));
    return temporal.newActivityStub(
        PurgeRecordActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void givenATransitionWhoseLastWriteFails_whenApplied_thenNoneOfItsWritesRemain() {
    records = records();
    // No purge record: the step total breaks the foreign key after the event was appended.
    PurgeRequest unknown = request(UUID.randomUUID().toString());
    Transition transition =
        Transition.of(
            unknown,
            List.of(
                RecordWrite.event(event(unknown, PurgeEventType.STEP_COMPLETED, PurgeStep.STORAGE)),
                RecordWrite.total(new StepResult(PurgeStep.STORAGE, 3, 30))));

    assertThatThrownBy(() -> records.transition(transition)).isNotNull();

    assertThat(events.findByTenant(tenant, "prod", 10)).isEmpty();
  }

  @Test
  void
      givenAnEngagedSwitch_whenTheNextStepIsGuarded_thenThePreviousStepEndsButTheNextDoesNotStart() {
    records = records();
    PurgeRequest request = request(admit());
    List<RecordWrite> storageDone =
        List.of(
            RecordWrite.total(new StepResult(PurgeStep.STORAGE, 3, 30)),
            RecordWrite.event(event(request, PurgeEventType.STEP_COMPLETED, PurgeStep.STORAGE)));
    List<RecordWrite> indexStarts =
        List.of(
            RecordWrite.status(PurgeStatus.RUNNING, PurgeStep.INDEX, "step INDEX, attempt 1"),
            RecordWrite.event(event(request, PurgeEventType.STEP_STARTED, PurgeStep.INDEX)));
    guard.set(GuardDecision.blocked("ks-1", "action:purge", "maintenance"));

    TransitionResult blocked =
        records.transition(
            new Transition(request, storageDone, PurgeStep.INDEX, indexStarts, true));

    assertThat(blocked.guard().allowed()).isFalse();
    assertThat(blocked.legalHold()).isFalse();
    PurgeRecord record = purges.find(UUID.fromString(request.purgeId())).orElseThrow();
    assertThat(record.itemsOf("STORAGE")).isEqualTo(3);
    assertThat(record.currentStep()).isNotEqualTo("INDEX");
    assertThat(types()).containsExactly(DatasetEventType.STEP_COMPLETED);

    guard.set(GuardDecision.ALLOWED);
    TransitionResult allowed =
        records.transition(new Transition(request, List.of(), PurgeStep.INDEX, indexStarts, false));

    assertThat(allowed.guard().allowed()).isTrue();
    record = purges.find(UUID.fromString(request.purgeId())).orElseThrow();
    assertThat(record.status()).isEqualTo(PurgeState.RUNNING);
    assertThat(record.currentStep()).isEqualTo("INDEX");
    assertThat(types())
        .containsExactlyInAnyOrder(DatasetEventType.STEP_COMPLETED, DatasetEventType.STEP_STARTED);
  }

  private List<DatasetEventType> types() {
    return events.findByTenant(tenant, "prod", 10).stream().map(DatasetEvent::type).toList();
  }

  private String admit() {
    return purges
        .admit(
            PurgeRecord.requested(
                TenantId.of(tenant), Env.of("prod"), "user:dpo", "test", null, "t"),
            r -> "tenant-purge/prod/" + tenant)
        .purge()
        .purgeId()
        .toString();
  }

  private PurgeRequest request(String purgeId) {
    return new PurgeRequest(
        purgeId, tenant, "prod", "user:dpo", "test", null, "t", 0, false, 0, 0, 0);
  }

  private static PurgeEvent event(PurgeRequest request, PurgeEventType type, PurgeStep step) {
    return new PurgeEvent(request, type, step, 1, Map.of());
  }
}
