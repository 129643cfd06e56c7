package dev.warden.engines.purge;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * GDPR deadlines of purges in PostgreSQL: bounded extensions of the due date, and the per-status
 * counts (overdue, oldest in status) the metrics read. The dates themselves are columns of {@code
 * purge_requests}, written by {@link PurgeRecordStore} when a request is admitted.
 */
public class PurgeDeadlines {

  private static final String ACTIVE = PurgeRecordStore.ACTIVE;

  private final JdbcClient jdbc;
  private final PurgeRecordStore purges;

  public PurgeDeadlines(JdbcClient jdbc, PurgeRecordStore purges) {
    this.jdbc = jdbc;
    this.purges = purges;
  }

  /** Why an extension was refused, or that it was made. */
  public enum Extension {
    EXTENDED,
    NOT_FOUND,
    FINISHED,
    /** The due date would move past the initial due date plus two months. */
    LIMIT_EXCEEDED
  }

  /**
   * Moves an active purge's due date by {@code by} (positive). The total of all extensions stays
   * within two months of the initial due date (GDPR art. 12(3)); the table's check constraint holds
   * the same bound, so no path can exceed it.
   */
  public Extension extendDeadline(UUID purgeId, Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("an extension must be positive, was " + by);
    }
    int updated =
        jdbc.sql(
                "update purge_requests set due_at = due_at + make_interval(secs => ?),"
                    + " updated_at = now() where purge_id = ? and status in "
                    + ACTIVE
                    + " and due_at + make_interval(secs => ?)"
                    + " <= initial_due_at + interval '2 months'")
            .params(by.toSeconds(), purgeId, by.toSeconds())
            .update();
    if (updated == 1) {
      return Extension.EXTENDED;
    }
    return purges
        .find(purgeId)
        .map(p -> p.status().isActive() ? Extension.LIMIT_EXCEEDED : Extension.FINISHED)
        .orElse(Extension.NOT_FOUND);
  }

  /** Active purges of one env and status: how many, how many overdue, the oldest in the status. */
  public record StatusCount(PurgeState status, long count, long overdue, long oldestSeconds) {}

  /** One query over the active purges of an env, grouped by status (for the metrics' gauges). */
  public List<StatusCount> activeByStatus(String env) {
    return jdbc.sql(
            "select status, count(*) as n, count(*) filter (where due_at < now()) as late,"
                + " coalesce(extract(epoch from now() - min(status_since)), 0)::bigint as oldest"
                + " from purge_requests where env = ? and status in "
                + ACTIVE
                + " group by status")
        .param(env)
        .query(
            (rs, n) ->
                new StatusCount(
                    PurgeState.valueOf(rs.getString("status")),
                    rs.getLong("n"),
                    rs.getLong("late"),
                    rs.getLong("oldest")))
        .list();
  }
}
