package dev.warden.engines.reconcile;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciliation runs of V5: one row per run, at most one RUNNING per environment (a partial
 * unique index decides races between the API and the Schedule).
 */
public class ReconciliationRuns {

  /** One run as stored; {@code tenantIds} null means every tenant. */
  public record Run(
      String reconciliationId,
      String env,
      String status,
      boolean dryRun,
      String mode,
      List<String> tenantIds,
      String requestedBy,
      String traceId,
      String workflowId,
      Instant requestedAt,
      Instant snapshotAt,
      Instant cutoffAt,
      Instant completedAt,
      String detail) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public ReconciliationRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a new RUNNING run; when another one is running in the environment, stores nothing and
   * returns that one.
   */
  public Optional<Run> admit(
      String id,
      String env,
      List<String> tenantIds,
      boolean dryRun,
      String requestedBy,
      String traceId,
      String workflowId) {
    try {
      jdbc.sql(
              """
              insert into reconciliation_runs (reconciliation_id, env, status, dry_run, tenant_ids,
                requested_by, trace_id, workflow_id, requested_at)
              values (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)
              on conflict (reconciliation_id) do nothing
              """)
          .params(
              id,
              env,
              dryRun,
              tenantIds == null ? null : tenantIds.toArray(String[]::new),
              requestedBy,
              traceId,
              workflowId,
              Timestamp.from(clock.instant()))
          .update();
      return Optional.empty();
    } catch (DuplicateKeyException anotherIsRunning) {
      return running(env);
    }
  }

  /** A run the Schedule started finds another one running: it is recorded as SKIPPED. */
  public void skipped(String id, String env, String requestedBy, String workflowId, String why) {
    jdbc.sql(
            """
            insert into reconciliation_runs (reconciliation_id, env, status, requested_by,
              workflow_id, requested_at, completed_at, detail)
            values (?, ?, 'SKIPPED', ?, ?, ?, ?, ?)
            on conflict (reconciliation_id) do nothing
            """)
        .params(
            id,
            env,
            requestedBy,
            workflowId,
            Timestamp.from(clock.instant()),
            Timestamp.from(clock.instant()),
            why)
        .update();
  }

  public void mode(String id, String mode) {
    jdbc.sql("update reconciliation_runs set mode = ? where reconciliation_id = ?")
        .params(mode, id)
        .update();
  }

  /** Ends a run (COMPLETED, FAILED); a finished run keeps its first end. */
  public void finish(String id, String status, String detail) {
    jdbc.sql(
            """
            update reconciliation_runs set status = ?, detail = ?, completed_at = ?
            where reconciliation_id = ? and status = 'RUNNING'
            """)
        .params(status, detail, Timestamp.from(clock.instant()), id)
        .update();
  }

  public Optional<Run> find(String id) {
    return jdbc.sql("select * from reconciliation_runs where reconciliation_id = ?")
        .param(id)
        .query(ReconciliationRuns::map)
        .optional();
  }

  public Optional<Run> running(String env) {
    return jdbc.sql("select * from reconciliation_runs where env = ? and status = 'RUNNING'")
        .param(env)
        .query(ReconciliationRuns::map)
        .optional();
  }

  public List<Run> recent(String env, int limit) {
    return jdbc.sql(
            "select * from reconciliation_runs where env = ? order by requested_at desc limit ?")
        .params(env, limit)
        .query(ReconciliationRuns::map)
        .list();
  }

  /**
   * When the last full run of {@code env} (every tenant, not a dry run) ended COMPLETED: what the
   * nightly reconciliation alert watches. Empty when none ever did.
   */
  public Optional<Instant> lastFullSuccess(String env) {
    return lastEnded(
        env,
        "status = 'COMPLETED' and not dry_run and tenant_ids is null and completed_at is not null");
  }

  /** When the last run of {@code env} (of any kind) ended FAILED; empty when none ever did. */
  public Optional<Instant> lastFailure(String env) {
    return lastEnded(env, "status = 'FAILED' and completed_at is not null");
  }

  private Optional<Instant> lastEnded(String env, String condition) {
    // max() of no rows is one row holding null
    return jdbc.sql(
            "select max(completed_at) as ended from reconciliation_runs where env = ? and "
                + condition)
        .param(env)
        .query((rs, row) -> Optional.ofNullable(instant(rs, "ended")))
        .single();
  }

  private static Run map(ResultSet rs, int row) throws SQLException {
    Array ids = rs.getArray("tenant_ids");
    return new Run(
        rs.getString("reconciliation_id"),
        rs.getString("env"),
        rs.getString("status"),
        rs.getBoolean("dry_run"),
        rs.getString("mode"),
        ids == null ? null : Arrays.asList((String[]) ids.getArray()),
        rs.getString("requested_by"),
        rs.getString("trace_id"),
        rs.getString("workflow_id"),
        instant(rs, "requested_at"),
        instant(rs, "snapshot_at"),
        instant(rs, "cutoff_at"),
        instant(rs, "completed_at"),
        rs.getString("detail"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
