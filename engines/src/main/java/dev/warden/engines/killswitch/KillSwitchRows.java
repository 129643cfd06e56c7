package dev.warden.engines.killswitch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Column mapping of the kill-switch tables: one scope dimension per nullable column. */
final class KillSwitchRows {
  private KillSwitchRows() {}

  static KillSwitchSpec scope(ResultSet rs) throws SQLException {
    return KillSwitchSpec.parse(
        rs.getString("env"),
        rs.getString("tenant_id"),
        rs.getString("provider"),
        rs.getString("action"));
  }

  static KillSwitch map(ResultSet rs, int row) throws SQLException {
    return new KillSwitch(
        rs.getObject("switch_id", UUID.class),
        scope(rs),
        rs.getString("reason"),
        rs.getString("engaged_by"),
        instant(rs.getTimestamp("engaged_at")),
        instant(rs.getTimestamp("expires_at")),
        rs.getString("trace_id"));
  }

  static KillSwitchChange mapChange(ResultSet rs, int row) throws SQLException {
    return new KillSwitchChange(
        rs.getObject("change_id", UUID.class),
        rs.getObject("switch_id", UUID.class),
        scope(rs),
        KillSwitchChange.State.valueOf(rs.getString("state")),
        rs.getString("reason"),
        rs.getString("actor"),
        rs.getString("trace_id"),
        instant(rs.getTimestamp("expires_at")),
        instant(rs.getTimestamp("changed_at")));
  }

  static String env(KillSwitchSpec s) {
    return s.env() == null ? null : s.env().value();
  }

  static String tenant(KillSwitchSpec s) {
    return s.tenant() == null ? null : s.tenant().value();
  }

  static String provider(KillSwitchSpec s) {
    return s.provider() == null ? null : s.provider().value();
  }

  static String action(KillSwitchSpec s) {
    return s.action() == null ? null : s.action().id();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
