package dev.warden.activities.purge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeDecisions.Kind;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.workflows.contract.DecisionSignal;
import dev.warden.workflows.contract.PurgeDecision;
import dev.warden.workflows.contract.PurgeDecisionKind;
import dev.warden.workflows.contract.PurgeRecordActivities;
import dev.warden.workflows.contract.PurgeRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signalled decision checked against what the API recorded, on the real PostgreSQL: taken when it
 * is this purge's and of this kind, else refused with a SIGNAL_REFUSED event saying why.
 */
@ExtendWith(DevStackExtension.class)
class DecisionTakerIT {

  private final DbFixture db = new DbFixture(DevStackExtension.endpoints());
  private final PurgeRecordStore purges = new PurgeRecordStore(db.jdbc());
  private final DatasetEventStore events = new DatasetEventStore(db.jdbc(), new ObjectMapper());
  private final TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
  private final String tenant = "dt-" + UUID.randomUUID().toString().substring(0, 8);
  private PurgeRecordActivities records;
  private PurgeRecordActivitiesImpl impl;

  @BeforeEach
  void setUp() {
    // A clock that stands still: the refusal windows of a flood never cross a boundary here (a
    // real one would split a flood at the minute into two windows, each counted).
    impl =
        RecordActivitiesOnDb.of(
            db, events, null, Clock.fixed(Instant.parse("2026-12-07T12:00:30Z"), ZoneOffset.UTC));
    temporal.registerActivitiesImplementations(impl);
    records =
        temporal.newActivityStub(
            PurgeRecordActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    temporal.close();
    impl.close();
  }

  // The test environment runs each activity call as a new workflow run: a second call is another
  // run (the same run repeating its claim is PurgeDecisionsIT's).
  @Test
  void givenTheApprovalTheApiRecorded_whenSignalled_thenItIsTakenWithItsActorAndOnlyOnce() {
    PurgeRequest purge = request(admit(tenant));
    UUID id = record(purge, Kind.APPROVE, "user:compliance-2");

    PurgeDecision taken = records.takeDecision(signal(purge, id.toString(), 1));

    assertThat(taken.decisionId()).isEqualTo(id.toString());
    assertThat(taken.actor()).isEqualTo("user:compliance-2");
    assertThat(taken.kind()).isEqualTo(PurgeDecisionKind.APPROVE);
    assertThat(refusals()).isEmpty();

    assertThat(records.takeDecision(signal(purge, id.toString(), 2)))
        .as("another run signalled the decision it took")
        .isNull();
    assertThat(refusals())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("why", "the decision was already taken by another run")
                    .containsEntry("decisionId", id.toString()));
  }

  @Test
  void givenSignalsTheApiDidNotRecordForThisPurge_whenChecked_thenEachIsRefusedAndEvented() {
    PurgeRequest purge = request(admit(tenant));
    PurgeRequest other = request(admit("dt-" + UUID.randomUUID().toString().substring(0, 8)));
    UUID othersApproval = record(other, Kind.APPROVE, "user:compliance-2");
    UUID rejection = record(purge, Kind.REJECT, "user:compliance-2");

    assertThat(records.takeDecision(signal(purge, othersApproval.toString(), 1))).isNull();
    assertThat(records.takeDecision(signal(purge, rejection.toString(), 2))).isNull();
    assertThat(records.takeDecision(signal(purge, UUID.randomUUID().toString(), 3))).isNull();
    assertThat(records.takeDecision(signal(purge, "user:compliance-2", 4))).isNull();
    assertThat(
            records.takeDecision(
                new DecisionSignal(
                    purge, null, PurgeDecisionKind.APPROVE, "approve", "user:compliance-2", 5)))
        .isNull();

    List<DatasetEvent> refused = refusals();
    assertThat(refused).hasSize(5);
    assertThat(refused)
        .extracting(e -> e.attributes().get("why"))
        .containsExactlyInAnyOrder(
            "the decision is for another purge",
            "the decision is a REJECT, the signal asks for APPROVE",
            "no decision with this id was recorded by the API",
            "not a decision id",
            "the signal names an actor instead of a decision the API recorded");
    assertThat(refused)
        .filteredOn(e -> "approve".equals(e.attributes().get("signal")))
        .singleElement()
        .satisfies(
            e -> assertThat(e.attributes()).containsEntry("claimedActor", "user:compliance-2"));
    assertThat(refused)
        .allSatisfy(e -> assertThat(e.attributes()).containsEntry("purgeId", purge.purgeId()));
    assertThat(purges.decisions().find(othersApproval).orElseThrow().usedByRun())
        .as("another purge's decision stays unused")
        .isNull();
  }

  @Test
  void givenAFloodOfSignalsNamingPeople_whenRefused_thenTwoEventsCountThemAll() {
    PurgeRequest purge = request(admit(tenant));
    int flood = 200;
    for (int i = 1; i <= flood; i++) {
      // Each names another made-up approver: the same refusal (purge, signal, kind, reason).
      assertThat(
              records.takeDecision(
                  new DecisionSignal(
                      purge, null, PurgeDecisionKind.APPROVE, "approve", "user:made-up-" + i, i)))
          .isNull();
    }
    assertThat(refusals())
        .as("the window's first refusal, written at once")
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .containsEntry("count", "1")
                    .containsEntry("claimedActor", "user:made-up-1"));

    impl.flushRefusals();

    List<DatasetEvent> refused = refusals();
    assertThat(refused).hasSize(2);
    assertThat(refused.stream().mapToLong(e -> Long.parseLong(e.attributes().get("count"))).sum())
        .isEqualTo(flood);
    assertThat(refused)
        .allSatisfy(
            e ->
                assertThat(e.attributes())
                    .containsEntry("purgeId", purge.purgeId())
                    .containsEntry(
                        "why", "the signal names an actor instead of a decision the API recorded"));
  }

  private List<DatasetEvent> refusals() {
    return events.findByTenant(tenant, "prod", 50).stream()
        .filter(e -> e.type() == DatasetEventType.SIGNAL_REFUSED)
        .toList();
  }

  private UUID record(PurgeRequest purge, Kind kind, String actor) {
    return purges
        .decisions()
        .record(UUID.fromString(purge.purgeId()), kind, actor, "r", null)
        .orElseThrow();
  }

  private static DecisionSignal signal(PurgeRequest purge, String decisionId, int refusal) {
    return new DecisionSignal(
        purge, decisionId, PurgeDecisionKind.APPROVE, "approvalRecorded", null, refusal);
  }

  private String admit(String tenantId) {
    return purges
        .admit(
            PurgeRecord.requested(
                TenantId.of(tenantId), Env.of("prod"), "user:dpo", "test", null, "t"),
            r -> "tenant-purge/prod/" + tenantId)
        .purge()
        .purgeId()
        .toString();
  }

  private PurgeRequest request(String purgeId) {
    PurgeRecord record = purges.find(UUID.fromString(purgeId)).orElseThrow();
    return new PurgeRequest(
        purgeId, record.tenantId(), "prod", "user:dpo", "test", null, "t", 0, false, 1, 3600, 0);
  }
}
