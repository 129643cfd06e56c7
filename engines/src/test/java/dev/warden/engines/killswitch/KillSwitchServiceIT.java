package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.killswitch.KillSwitchChange.State;
import dev.warden.engines.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class KillSwitchServiceIT {

  private final KillSwitchFixture f = new KillSwitchFixture();
  private final TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
  private final KillSwitchSpec scope =
      KillSwitchSpec.global().withEnv(f.env).withTenant(tenant).withAction(KillSwitchAction.PURGE);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void givenAScope_whenEngagedThenReleased_thenCurrentHistoryAndEventsFollowEachChange() {
    KillSwitch engaged = f.service.engage(scope, "S3 incident INC-7", "user:ops", null, "trace-1");

    assertThat(engaged.scope()).isEqualTo(scope);
    assertThat(engaged.reason()).isEqualTo("S3 incident INC-7");
    assertThat(engaged.engagedBy()).isEqualTo("user:ops");
    assertThat(f.service.current()).contains(engaged);

    KillSwitchChange released =
        f.service.release(scope, "INC-7 resolved", "user:lead", "trace-2").orElseThrow();

    assertThat(released.switchId()).isEqualTo(engaged.id());
    assertThat(f.service.current()).extracting(KillSwitch::scope).doesNotContain(scope);
    List<KillSwitchChange> history = mine(f.service.history(50));
    assertThat(history)
        .extracting(KillSwitchChange::state, KillSwitchChange::reason, KillSwitchChange::actor)
        .containsExactly(
            tuple(State.RELEASED, "INC-7 resolved", "user:lead"),
            tuple(State.ENGAGED, "S3 incident INC-7", "user:ops"));
    List<DatasetEvent> events = f.events.findByTenant(tenant.value(), f.env.value(), 10);
    assertThat(events)
        .extracting(DatasetEvent::type)
        .containsOnly(DatasetEventType.KILL_SWITCH_CHANGED);
    assertThat(events)
        .extracting(DatasetEvent::eventId)
        .containsExactly(history.get(1).changeId(), history.get(0).changeId());
    assertThat(events.get(0).attributes())
        .containsEntry("state", "ENGAGED")
        .containsEntry("reason", "S3 incident INC-7")
        .containsEntry("scope", scope.key())
        .containsEntry("scope.tenantId", tenant.value())
        .containsEntry("scope.action", "purge")
        .containsEntry("switchId", engaged.id().toString());
    assertThat(events.get(1).actor()).isEqualTo("user:lead");
    assertThat(events.get(1).traceId()).isEqualTo("trace-2");
  }

  @Test
  void givenAnEngagedScope_whenEngagedAgain_thenOnlyRealChangesAreRecorded() {
    Instant expiry = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
    KillSwitch first = f.service.engage(scope, "reason A", "user:ops", expiry, "t1");
    KillSwitch repeat = f.service.engage(scope, "reason A", "user:ops", expiry, "t1-retry");
    KillSwitch updated = f.service.engage(scope, "reason B", "user:ops", null, "t2");

    assertThat(repeat).isEqualTo(first);
    assertThat(updated.id()).isEqualTo(first.id());
    assertThat(updated.reason()).isEqualTo("reason B");
    assertThat(updated.expiresAt()).isNull();
    assertThat(f.service.current())
        .filteredOn(s -> s.scope().equals(scope))
        .containsExactly(updated);
    assertThat(mine(f.service.history(50)))
        .extracting(KillSwitchChange::reason, KillSwitchChange::expiresAt)
        .containsExactly(tuple("reason B", null), tuple("reason A", expiry));
  }

  @Test
  void givenConcurrentEngagesOfOneScope_whenTheyRace_thenOneSwitchKeepsEveryChange()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<KillSwitch>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String reason = "reason " + i;
      calls.add(() -> f.service.engage(scope, reason, "user:ops", null, null));
    }
    List<KillSwitch> results = new ArrayList<>();
    for (Future<KillSwitch> result : pool.invokeAll(calls)) {
      results.add(result.get());
    }
    pool.shutdown();

    assertThat(results).extracting(KillSwitch::id).containsOnly(results.get(0).id());
    assertThat(f.service.current()).filteredOn(s -> s.scope().equals(scope)).hasSize(1);
    assertThat(mine(f.service.history(100))).hasSize(16);
  }

  @Test
  void givenNothingEngaged_whenReleased_thenNothingIsRecorded() {
    assertThat(f.service.release(scope, "just in case", "user:ops", null)).isEmpty();
    assertThat(mine(f.service.history(50))).isEmpty();
  }

  @Test
  void givenMissingReasonsOrAPastExpiry_whenChanged_thenRefusedWithoutARecord() {
    assertThatThrownBy(() -> f.service.engage(scope, " ", "user:ops", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(
            () -> f.service.engage(scope, "r", "user:ops", Instant.now().minusSeconds(1), null))
        .hasMessageContaining("expiresAt");
    f.service.engage(scope, "r", "user:ops", null, null);
    assertThatThrownBy(() -> f.service.release(scope, null, "user:ops", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");

    assertThat(mine(f.service.history(50))).hasSize(1);
  }

  @Test
  void givenAnExpiringSwitch_whenTheExpiryPasses_thenItIsReleasedWithoutAWrite() throws Exception {
    Instant expiry = Instant.now().plusMillis(400);
    f.service.engage(scope, "maintenance window", "user:ops", expiry, null);
    try (CachedKillSwitches replica = f.replica(KillSwitchProperties.defaults(), true)) {
      KillSwitchQuery query = KillSwitchQuery.of(f.env, tenant, KillSwitchAction.PURGE);
      assertThat(replica.check(query).blocked()).isTrue();

      await().atMost(Duration.ofSeconds(5)).until(() -> replica.check(query).allowed());
      assertThat(Instant.now()).isAfterOrEqualTo(expiry);
      assertThat(f.service.current()).extracting(KillSwitch::scope).doesNotContain(scope);
      assertThat(f.service.release(scope, "already expired", "user:ops", null)).isEmpty();
      KillSwitch again = f.service.engage(scope, "maintenance window", "user:ops", null, null);
      assertThat(again.expiresAt()).isNull();
      assertThat(mine(f.service.history(50)))
          .extracting(KillSwitchChange::state)
          .containsExactly(State.ENGAGED, State.ENGAGED);
    }
  }

  @Test
  void givenRecordedHistory_whenSomeoneRewritesIt_thenTheDatabaseRefuses() {
    f.service.engage(scope, "r", "user:ops", null, null);

    assertThatThrownBy(
            () ->
                f.db
                    .jdbc()
                    .sql("update kill_switch_history set reason = 'nothing happened' where env = ?")
                    .param(f.env.value())
                    .update())
        .hasMessageContaining("append-only");
  }

  private List<KillSwitchChange> mine(List<KillSwitchChange> history) {
    return history.stream().filter(c -> c.scope().equals(scope)).toList();
  }
}
