package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas (evaluators with their own pools and LISTEN connections) see a change made through
 * the service within the 1 s bound; a replica without LISTEN sees it through the poll alone, and a
 * listener whose connection is killed reconnects and hears changes again.
 */
@ExtendWith(DevStackExtension.class)
class KillSwitchPropagationIT {

  private static final Logger log = LoggerFactory.getLogger(KillSwitchPropagationIT.class);
  private static final Duration BOUND = Duration.ofSeconds(1);

  private final KillSwitchFixture f = new KillSwitchFixture();
  private final KillSwitchSpec scope =
      KillSwitchSpec.global().withEnv(f.env).withTenant(TenantId.of("acme"));
  private final KillSwitchQuery query =
      KillSwitchQuery.of(f.env, TenantId.of("acme"), KillSwitchAction.UPLOAD, Provider.S3);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void givenTwoReplicas_whenASwitchIsEngagedAndReleased_thenBothSeeItWithinOneSecond() {
    List<Duration> delays = new ArrayList<>();
    try (CachedKillSwitches a = f.replica(KillSwitchProperties.defaults(), true);
        CachedKillSwitches b = f.replica(KillSwitchProperties.defaults(), true)) {
      awaitListening(a, b);
      for (int round = 0; round < 5; round++) {
        f.service.engage(scope, "round " + round, "user:ops", null, "trace-" + round);
        delays.addAll(timeUntil(KillSwitchDecision::blocked, a, b));
        assertThat(b.check(query).blockedBy().reason()).isEqualTo("round " + round);

        f.service.release(scope, "round " + round + " over", "user:ops", null);
        delays.addAll(timeUntil(KillSwitchDecision::allowed, a, b));
      }
    }
    log.info("Propagation with LISTEN/NOTIFY, 20 observations (ms): {}", millis(delays));
    assertThat(delays).allSatisfy(d -> assertThat(d).isLessThan(BOUND));
  }

  @Test
  void givenAReplicaWithoutListen_whenASwitchIsEngaged_thenThePollAloneSeesItWithinOneSecond() {
    List<Duration> delays = new ArrayList<>();
    try (CachedKillSwitches pollOnly = f.replica(KillSwitchProperties.defaults(), false)) {
      for (int round = 0; round < 3; round++) {
        f.service.engage(scope, "round " + round, "user:ops", null, null);
        delays.addAll(timeUntil(KillSwitchDecision::blocked, pollOnly));
        f.service.release(scope, "over", "user:ops", null);
        delays.addAll(timeUntil(KillSwitchDecision::allowed, pollOnly));
      }
    }
    log.info("Propagation by the 250 ms poll alone, 6 observations (ms): {}", millis(delays));
    assertThat(delays).allSatisfy(d -> assertThat(d).isLessThan(BOUND));
  }

  @Test
  void givenTheListenerConnectionIsKilled_whenItReconnects_thenNotificationsArriveAgain()
      throws Exception {
    // A 5 s poll: anything seen within a few hundred ms came through a notification.
    KillSwitchProperties slowPoll =
        new KillSwitchProperties(Duration.ofSeconds(5), Duration.ofSeconds(10));
    String name = "ks-it-" + f.env.value();
    ListenerConnectionFactory named =
        ListenerConnectionFactory.driverManager(
            f.endpoints.jdbcUrl() + "?ApplicationName=" + name,
            f.endpoints.dbUser(),
            f.endpoints.dbPassword());
    try (CachedKillSwitches replica =
        new CachedKillSwitches(f.store, named, slowPoll, Clock.systemUTC()).start()) {
      awaitListening(replica);
      int killed =
          f.db
              .jdbc()
              .sql(
                  "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                      + " where application_name = ?")
              .param(name)
              .query(Integer.class)
              .single();
      assertThat(killed).as("listener backends terminated").isEqualTo(1);
      // The listener notices, backs off 100 ms and listens again on a new connection.
      await().atMost(Duration.ofSeconds(5)).until(() -> listening(name) == 1);

      f.service.engage(scope, "after reconnect", "user:ops", null, null);
      List<Duration> delays = timeUntil(KillSwitchDecision::blocked, replica);

      log.info("Propagation after the listener reconnected (ms): {}", millis(delays));
      assertThat(delays.get(0)).isLessThan(Duration.ofMillis(500));
    }
  }

  /**
   * For each replica, the time from now (the change has just committed) until its decision
   * satisfies {@code seen}; all replicas are watched at once so none waits for another.
   */
  private List<Duration> timeUntil(
      Predicate<KillSwitchDecision> seen, CachedKillSwitches... replicas) {
    long start = System.nanoTime();
    long deadline = start + BOUND.multipliedBy(3).toNanos();
    Duration[] delays = new Duration[replicas.length];
    int pending = replicas.length;
    while (pending > 0 && System.nanoTime() < deadline) {
      for (int i = 0; i < replicas.length; i++) {
        if (delays[i] == null && seen.test(replicas[i].check(query))) {
          delays[i] = Duration.ofNanos(System.nanoTime() - start);
          pending--;
        }
      }
      Thread.onSpinWait();
    }
    List<Duration> out = new ArrayList<>();
    for (Duration d : delays) {
      out.add(d == null ? BOUND.multipliedBy(3) : d); // not seen: fails the bound below
    }
    return out;
  }

  // Listeners connect on their own thread; wait until each listens so the figures measure NOTIFY.
  private void awaitListening(CachedKillSwitches... replicas) {
    for (CachedKillSwitches replica : replicas) {
      assertThat(replica.revision()).as("loaded at start").isNotNegative();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> listening(null) >= replicas.length);
  }

  /** Backends whose last statement was LISTEN, of {@code applicationName} (null: any). */
  private int listening(String applicationName) {
    return f.db
        .jdbc()
        .sql(
            "select count(*) from pg_stat_activity where query ilike 'listen %'"
                + " and (cast(? as text) is null or application_name = ?)")
        .params(applicationName, applicationName)
        .query(Integer.class)
        .single();
  }

  private static List<String> millis(List<Duration> delays) {
    return delays.stream().map(d -> "%.1f".formatted(d.toNanos() / 1e6)).toList();
  }
}
