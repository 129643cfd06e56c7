package dev.warden.engines.killswitch.bench;

import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.killswitch.Provider;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's baseline: the same decision as {@code CachedKillSwitches}, asked of PostgreSQL
 * with one query per check, as a gate without a cache would do.
 */
final class SqlKillSwitchCheck implements KillSwitchEvaluator {

  private final JdbcClient jdbc;
  private final Clock clock;

  SqlKillSwitchCheck(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public KillSwitchDecision check(KillSwitchQuery q) {
    return jdbc.sql(
            """
            select * from kill_switches
            where engaged and (expires_at is null or expires_at > ?)
              and (env is null or env = cast(? as text))
              and (tenant_id is null or tenant_id = cast(? as text))
              and (provider is null or provider = any(cast(? as text[])))
              and (action is null or action = cast(? as text))
            order by (env is not null)::int + (tenant_id is not null)::int
              + (provider is not null)::int + (action is not null)::int desc,
              engaged_at desc, switch_id::text
            limit 1
            """)
        .params(
            Timestamp.from(clock.instant()),
            q.env().value(),
            q.tenant() == null ? null : q.tenant().value(),
            q.providers().stream().map(Provider::value).toArray(String[]::new),
            q.action() == null ? null : q.action().id())
        .query(
            (rs, n) ->
                new KillSwitch(
                    rs.getObject("switch_id", UUID.class),
                    KillSwitchSpec.parse(
                        rs.getString("env"),
                        rs.getString("tenant_id"),
                        rs.getString("provider"),
                        rs.getString("action")),
                    rs.getString("reason"),
                    rs.getString("engaged_by"),
                    rs.getTimestamp("engaged_at").toInstant(),
                    rs.getTimestamp("expires_at") == null
                        ? null
                        : rs.getTimestamp("expires_at").toInstant(),
                    rs.getString("trace_id")))
        .optional()
        .map(KillSwitchDecision::block)
        .orElse(KillSwitchDecision.ALLOWED);
  }
}
