package dev.warden.engines.purge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decisions on a purge that only the API writes (table {@code purge_decisions}): the API records
 * one from the caller's token in the transaction of its audit event, then signals the workflow with
 * the decision's id alone; the workflow {@link #claim claims} it before acting on it.
 */
public class PurgeDecisions {

  /** What a decision does to the purge. */
  public enum Kind {
    APPROVE,
    REJECT,
    CANCEL,
    EXTEND
  }

  /**
   * One decision as the API recorded it.
   *
   * @param dueAt the new due date of an EXTEND, else null
   * @param usedByRun the workflow run that took it, null while unused
   */
  public record Decision(
      UUID decisionId,
      UUID purgeId,
      Kind kind,
      String actor,
      String reason,
      Instant dueAt,
      Instant decidedAt,
      String usedByRun) {}

  private final JdbcClient jdbc;

  public PurgeDecisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a decision; call it in the transaction of its audit event. Empty when {@code actor} has
   * already approved this purge (one approval per person).
   */
  public Optional<UUID> record(
      UUID purgeId, Kind kind, String actor, String reason, Instant dueAt) {
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.sql(
                """
            insert into purge_decisions (decision_id, purge_id, kind, actor, reason, due_at)
            values (?, ?, ?, ?, ?, ?) on conflict do nothing
            """)
            .params(
                id,
                purgeId,
                kind.name(),
                actor,
                reason,
                dueAt == null ? null : Timestamp.from(dueAt))
            .update();
    return inserted == 1 ? Optional.of(id) : Optional.empty();
  }

  /**
   * Marks the decision used by {@code runId} and returns it, when it exists, is for {@code purgeId}
   * and of {@code kind}, and no other run used it (the same run again: a repeated local activity).
   * Empty otherwise: {@link #find} says why.
   */
  public Optional<Decision> claim(UUID decisionId, UUID purgeId, Kind kind, String runId) {
    return jdbc.sql(
            """
            update purge_decisions set used_by_run = ?, used_at = coalesce(used_at, now())
             where decision_id = ? and purge_id = ? and kind = ?
               and (used_by_run is null or used_by_run = ?)
            returning *
            """)
        .params(runId, decisionId, purgeId, kind.name(), runId)
        .query(PurgeDecisions::map)
        .optional();
  }

  /**
   * The approval {@code actor} recorded for the purge that no run has taken yet: the API signals it
   * again when a first signal did not reach Temporal, instead of refusing a second approval.
   */
  public Optional<UUID> untakenApproval(UUID purgeId, String actor) {
    return jdbc.sql(
            """
            select decision_id from purge_decisions
             where purge_id = ? and actor = ? and kind = 'APPROVE' and used_by_run is null
            """)
        .params(purgeId, actor)
        .query(UUID.class)
        .optional();
  }

  public Optional<Decision> find(UUID decisionId) {
    return jdbc.sql("select * from purge_decisions where decision_id = ?")
        .param(decisionId)
        .query(PurgeDecisions::map)
        .optional();
  }

  private static Decision map(ResultSet rs, int row) throws SQLException {
    Timestamp due = rs.getTimestamp("due_at");
    return new Decision(
        rs.getObject("decision_id", UUID.class),
        rs.getObject("purge_id", UUID.class),
        Kind.valueOf(rs.getString("kind")),
        rs.getString("actor"),
        rs.getString("reason"),
        due == null ? null : due.toInstant(),
        rs.getTimestamp("decided_at").toInstant(),
        rs.getString("used_by_run"));
  }
}
