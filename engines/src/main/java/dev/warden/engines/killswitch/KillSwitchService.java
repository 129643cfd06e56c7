package dev.warden.engines.killswitch;

import dev.warden.engines.events.DatasetEvent;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.events.DatasetEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Engages and releases kill switches. Each change is one transaction: the switch row, its history
 * entry, the revision bump, the notification and the KILL_SWITCH_CHANGED event commit together or
 * not at all, so the audit trail never disagrees with what replicas enforce.
 */
public class KillSwitchService {

  private final KillSwitchStore store;
  private final DatasetEventStore events;
  private final TransactionOperations tx;
  private final Clock clock;

  public KillSwitchService(
      KillSwitchStore store, DatasetEventStore events, TransactionOperations tx, Clock clock) {
    this.store = store;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Engages {@code scope}. Engaging an engaged scope again replaces its reason, actor and expiry
   * (and records that); a call that would change nothing is a no-op returning the stored switch.
   *
   * @param expiresAt when the switch stops applying by itself; {@code null} for never
   */
  public KillSwitch engage(
      KillSwitchSpec scope, String reason, String actor, Instant expiresAt, String traceId) {
    require(scope, reason, actor);
    Instant now = now();
    Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
    if (expiry != null && !expiry.isAfter(now)) {
      throw new IllegalArgumentException(
          "expiresAt %s is not in the future (now %s)".formatted(expiresAt, now));
    }
    return tx.execute(
        status -> {
          Optional<KillSwitch> changed =
              store.engage(UUID.randomUUID(), scope, reason, actor, now, expiry, traceId);
          if (changed.isEmpty()) {
            return store.find(scope).orElseThrow();
          }
          KillSwitch engaged = changed.get();
          record(
              new KillSwitchChange(
                  UUID.randomUUID(),
                  engaged.id(),
                  scope,
                  KillSwitchChange.State.ENGAGED,
                  reason,
                  actor,
                  traceId,
                  expiry,
                  now));
          return engaged;
        });
  }

  /** Releases {@code scope}; empty when no switch was engaged there (nothing is recorded). */
  public Optional<KillSwitchChange> release(
      KillSwitchSpec scope, String reason, String actor, String traceId) {
    require(scope, reason, actor);
    Instant now = now();
    return tx.execute(
        status ->
            store
                .release(scope, reason, actor, now)
                .map(
                    released -> {
                      KillSwitchChange change =
                          new KillSwitchChange(
                              UUID.randomUUID(),
                              released.id(),
                              scope,
                              KillSwitchChange.State.RELEASED,
                              reason,
                              actor,
                              traceId,
                              null,
                              now);
                      record(change);
                      return change;
                    }));
  }

  /** Switches engaged now (expired ones are released), most specific first; read from the DB. */
  public List<KillSwitch> current() {
    return store.engaged(now());
  }

  /** The latest engages and releases, newest first. */
  public List<KillSwitchChange> history(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return store.history(limit);
  }

  private void record(KillSwitchChange change) {
    store.recordChange(change);
    events.append(event(change));
  }

  private static DatasetEvent event(KillSwitchChange change) {
    KillSwitchSpec scope = change.scope();
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("switchId", change.switchId().toString());
    attributes.put("scope", scope.key());
    scope.dimensions().forEach((k, v) -> attributes.put("scope." + k, v));
    attributes.put("state", change.state().name());
    attributes.put("reason", change.reason());
    if (change.expiresAt() != null) {
      attributes.put("expiresAt", change.expiresAt().toString());
    }
    return new DatasetEvent(
        change.changeId(),
        DatasetEventType.KILL_SWITCH_CHANGED,
        scope.tenant() == null ? null : scope.tenant().value(),
        scope.env() == null ? null : scope.env().value(),
        change.actor(),
        change.traceId(),
        change.changedAt(),
        attributes);
  }

  private Instant now() {
    // PostgreSQL keeps microseconds: truncating keeps stored and returned instants equal.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void require(KillSwitchSpec scope, String reason, String actor) {
    if (scope == null) {
      throw new IllegalArgumentException("scope is required (KillSwitchSpec.global() for all)");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required and must not be blank");
    }
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("actor is required and must not be blank");
    }
  }
}
