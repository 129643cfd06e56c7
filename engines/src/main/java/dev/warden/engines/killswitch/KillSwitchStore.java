package dev.warden.engines.killswitch;

import static dev.warden.engines.killswitch.KillSwitchRows.action;
import static dev.warden.engines.killswitch.KillSwitchRows.env;
import static dev.warden.engines.killswitch.KillSwitchRows.provider;
import static dev.warden.engines.killswitch.KillSwitchRows.tenant;
import static dev.warden.engines.killswitch.KillSwitchRows.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kill-switch tables (V3). Writes are meant to run inside one transaction per change, see
 * {@link KillSwitchService}; reads serve the admin API and the evaluators' refresh.
 */
public class KillSwitchStore {

  /** The channel writers notify and evaluators listen on. */
  public static final String CHANNEL = "kill_switch_changed";

  private static final String LIVE = "engaged and (expires_at is null or expires_at > ?)";

  private final JdbcClient jdbc;

  public KillSwitchStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Engages the scope, or updates its reason, actor or expiry. Empty when the scope was already
   * engaged with exactly these (a repeated call changes nothing and records nothing).
   */
  Optional<KillSwitch> engage(
      UUID newId,
      KillSwitchSpec scope,
      String reason,
      String actor,
      Instant at,
      Instant expiresAt,
      String traceId) {
    return jdbc.sql(
            """
            insert into kill_switches as k (switch_id, scope_key, env, tenant_id, provider, action,
              engaged, reason, engaged_by, engaged_at, expires_at, trace_id)
            values (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?)
            on conflict (scope_key) do update set engaged = true, reason = excluded.reason,
              engaged_by = excluded.engaged_by, engaged_at = excluded.engaged_at,
              expires_at = excluded.expires_at, trace_id = excluded.trace_id,
              released_by = null, released_at = null, release_reason = null
            where not (k.engaged and (k.expires_at is null or k.expires_at > excluded.engaged_at)
              and k.reason = excluded.reason and k.engaged_by = excluded.engaged_by
              and k.expires_at is not distinct from excluded.expires_at)
            returning *
            """)
        .params(
            newId,
            scope.key(),
            env(scope),
            tenant(scope),
            provider(scope),
            action(scope),
            reason,
            actor,
            ts(at),
            ts(expiresAt),
            traceId)
        .query(KillSwitchRows::map)
        .optional();
  }

  /** Releases the scope; empty when it was not engaged (or had already expired). */
  Optional<KillSwitch> release(KillSwitchSpec scope, String reason, String actor, Instant at) {
    return jdbc.sql(
            "update kill_switches set engaged = false, released_by = ?, released_at = ?,"
                + " release_reason = ? where scope_key = ? and "
                + LIVE
                + " returning *")
        .params(actor, ts(at), reason, scope.key(), ts(at))
        .query(KillSwitchRows::map)
        .optional();
  }

  /** Appends to the history, bumps the revision and notifies: call last in the transaction. */
  void recordChange(KillSwitchChange change) {
    KillSwitchSpec scope = change.scope();
    jdbc.sql(
            """
            insert into kill_switch_history (change_id, switch_id, scope_key, env, tenant_id,
              provider, action, state, reason, actor, trace_id, expires_at, changed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            change.changeId(),
            change.switchId(),
            scope.key(),
            env(scope),
            tenant(scope),
            provider(scope),
            action(scope),
            change.state().name(),
            change.reason(),
            change.actor(),
            change.traceId(),
            ts(change.expiresAt()),
            ts(change.changedAt()))
        .update();
    jdbc.sql("update kill_switch_revision set revision = revision + 1").update();
    // Delivered to listeners at commit, never for a rolled-back change.
    jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, scope.key()).query((rs, n) -> n).single();
  }

  /** Grows by one with every committed change, in commit order. */
  public long revision() {
    return jdbc.sql("select revision from kill_switch_revision").query(Long.class).single();
  }

  /** Switches engaged and not expired at {@code now}, by {@link KillSwitch#PRECEDENCE}. */
  public List<KillSwitch> engaged(Instant now) {
    return jdbc
        .sql("select * from kill_switches where " + LIVE)
        .param(ts(now))
        .query(KillSwitchRows::map)
        .list() // not stream(): that holds the connection until the stream is closed
        .stream()
        .sorted(KillSwitch.PRECEDENCE)
        .toList();
  }

  public Optional<KillSwitch> find(KillSwitchSpec scope) {
    return jdbc.sql("select * from kill_switches where scope_key = ?")
        .param(scope.key())
        .query(KillSwitchRows::map)
        .optional();
  }

  /** The latest changes, newest first. */
  public List<KillSwitchChange> history(int limit) {
    return jdbc.sql("select * from kill_switch_history order by seq desc limit ?")
        .param(limit)
        .query(KillSwitchRows::mapChange)
        .list();
  }
}
