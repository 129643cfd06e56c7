package dev.warden.engines.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * How a reconciliation run reads and corrects the quota ledger. The correction is a delta against
 * the ledger as the run snapshotted it ({@link #snapshot}): measured − baseline is added to the
 * ledger's current usage, so whatever the API admitted or settled meanwhile is kept, and the
 * measurement leaves out objects the snapshot cannot know of (modified at or after the cutoff) and
 * objects of open reservations (their bytes are in {@code storage_bytes_reserved}).
 */
public class LedgerCorrections {

  static final String ACTIVE_PURGE =
      "('REQUESTED', 'AWAITING_APPROVAL', 'WAITING_GRACE_PERIOD', 'RUNNING',"
          + " 'BLOCKED_BY_KILL_SWITCH', 'NEEDS_ATTENTION')";

  private final JdbcClient jdbc;
  private final TransactionOperations tx;
  private final Clock clock;

  public LedgerCorrections(JdbcClient jdbc, TransactionOperations tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Takes the run's baseline once (a retry returns the first one): every ledger row of the env (or
   * of {@code only}) with its usage and its open reservations' keys, in one statement, so one
   * consistent snapshot; the tenants become the run's PENDING tenants.
   */
  public Instant snapshot(String runId, String env, List<String> only, Instant cutoff) {
    return tx.execute(
        status -> {
          Optional<Instant> taken =
              jdbc.sql(
                      "select snapshot_at from reconciliation_runs where reconciliation_id = ?"
                          + " for update")
                  .param(runId)
                  .query(
                      (rs, n) -> Optional.ofNullable(ReconciliationRuns.instant(rs, "snapshot_at")))
                  .single();
          if (taken.isPresent()) {
            return taken.get();
          }
          String[] tenants = only == null ? null : only.toArray(String[]::new);
          jdbc.sql(
                  """
                  insert into reconciliation_baselines
                    (reconciliation_id, tenant_id, env, bytes_used, objects, open_keys)
                  select ?, l.tenant_id, l.env, l.storage_bytes_used, l.storage_objects,
                    array(select r.object_key from quota_reservations r
                          where r.tenant_id = l.tenant_id and r.env = l.env)
                  from quota_ledger l
                  where l.env = ? and (cast(? as text[]) is null or l.tenant_id = any(?))
                  """)
              .params(runId, env, tenants, tenants)
              .update();
          Instant now = clock.instant();
          jdbc.sql(
                  """
                  insert into reconciliation_tenants (reconciliation_id, tenant_id, env, state,
                    updated_at)
                  select reconciliation_id, tenant_id, env, 'PENDING', ?
                  from reconciliation_baselines where reconciliation_id = ?
                  on conflict do nothing
                  """)
              .params(Timestamp.from(now), runId)
              .update();
          jdbc.sql(
                  "update reconciliation_runs set snapshot_at = ?, cutoff_at = ?"
                      + " where reconciliation_id = ?")
              .params(Timestamp.from(now), Timestamp.from(cutoff), runId)
              .update();
          return now;
        });
  }

  /** Keys of the reservations that were open at the snapshot. */
  public Set<String> openKeys(String runId) {
    return new HashSet<>(
        jdbc.sql(
                "select unnest(open_keys) from reconciliation_baselines"
                    + " where reconciliation_id = ?")
            .param(runId)
            .query(String.class)
            .list());
  }

  /**
   * Corrects one measured tenant; idempotent (a tenant the run already dealt with returns what was
   * done). See {@link LedgerCorrection}.
   */
  public Correction correct(String runId, String env, String tenantId, long documents) {
    return tx.execute(
        status -> new LedgerCorrection(jdbc, clock, runId, env, tenantId).apply(documents));
  }
}
