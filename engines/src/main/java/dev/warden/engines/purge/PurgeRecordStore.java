package dev.warden.engines.purge;

import dev.warden.engines.purge.PurgeRecord.StepRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Purge requests, their steps and statuses; every write is idempotent so activities can retry. */
public class PurgeRecordStore {

  private final JdbcClient jdbc;

  public PurgeRecordStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The result of asking for a purge: the stored record and whether this call created it. */
  public record Admission(PurgeRecord purge, boolean created) {}

  /**
   * Stores a new request, or returns the tenant's active one. The partial unique index decides
   * races between concurrent callers, so two requests can never both start a workflow.
   */
  public Admission admit(NewPurge request, Function<NewPurge, String> workflowId) {
    Optional<PurgeRecord> active = findActive(request);
    if (active.isPresent()) {
      return new Admission(active.get(), false);
    }
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql(
              """
              insert into purge_requests (purge_id, tenant_id, env, requested_by, reason, ticket,
                trace_id, status, workflow_id, requested_at)
              values (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?)
              """)
          .params(
              id,
              request.tenantId().value(),
              request.env().value(),
              request.requestedBy(),
              request.reason(),
              request.ticket(),
              request.traceId(),
              workflowId.apply(request),
              Timestamp.from(Instant.now()))
          .update();
    } catch (DuplicateKeyException lostRace) {
      return new Admission(findActive(request).orElseThrow(() -> lostRace), false);
    }
    return new Admission(find(id).orElseThrow(), true);
  }

  public Optional<PurgeRecord> find(UUID purgeId) {
    return jdbc.sql("select * from purge_requests where purge_id = ?")
        .param(purgeId)
        .query(this::map)
        .optional();
  }

  public List<PurgeRecord> list(String tenantId, PurgeState status, int limit) {
    return jdbc.sql(
            """
            select * from purge_requests
            where (cast(? as text) is null or tenant_id = ?) and (cast(? as text) is null or status = ?)
            order by requested_at desc limit ?
            """)
        .params(tenantId, tenantId, name(status), name(status), limit)
        .query(this::map)
        .list();
  }

  public void markRunning(UUID purgeId, String runId) {
    jdbc.sql(
            """
            update purge_requests set status = 'RUNNING', run_id = ?,
              started_at = coalesce(started_at, now())
            where purge_id = ? and status in ('REQUESTED', 'RUNNING')
            """)
        .params(runId, purgeId)
        .update();
  }

  public void recordStep(UUID purgeId, String step, long items, long bytes) {
    jdbc.sql(
            """
            insert into purge_steps (purge_id, step, items, bytes, completed_at)
            values (?, ?, ?, ?, now())
            on conflict (purge_id, step) do update set items = excluded.items, bytes = excluded.bytes
            """)
        .params(purgeId, step, items, bytes)
        .update();
  }

  /** Final status; a repeat keeps the first completion time. */
  public void complete(UUID purgeId, PurgeState status) {
    jdbc.sql(
            """
            update purge_requests set status = ?, completed_at = coalesce(completed_at, now())
            where purge_id = ?
            """)
        .params(status.name(), purgeId)
        .update();
  }

  /** Marks a request whose workflow could not be started, so it no longer blocks a new one. */
  public void markNotStarted(UUID purgeId) {
    complete(purgeId, PurgeState.FAILED);
  }

  private Optional<PurgeRecord> findActive(NewPurge request) {
    return jdbc.sql(
            """
            select * from purge_requests where tenant_id = ? and env = ?
              and status in ('REQUESTED', 'RUNNING')
            """)
        .params(request.tenantId().value(), request.env().value())
        .query(this::map)
        .optional();
  }

  private List<StepRecord> steps(UUID purgeId) {
    return jdbc.sql(
            "select step, items, bytes, completed_at from purge_steps where purge_id = ? order by completed_at")
        .param(purgeId)
        .query(
            (rs, n) ->
                new StepRecord(
                    rs.getString("step"),
                    rs.getLong("items"),
                    rs.getLong("bytes"),
                    rs.getTimestamp("completed_at").toInstant()))
        .list();
  }

  private PurgeRecord map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("purge_id", UUID.class);
    return new PurgeRecord(
        id,
        rs.getString("tenant_id"),
        rs.getString("env"),
        rs.getString("requested_by"),
        rs.getString("reason"),
        rs.getString("ticket"),
        rs.getString("trace_id"),
        PurgeState.valueOf(rs.getString("status")),
        rs.getString("workflow_id"),
        rs.getString("run_id"),
        instant(rs.getTimestamp("requested_at")),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("completed_at")),
        steps(id));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  private static String name(PurgeState status) {
    return status == null ? null : status.name();
  }
}
