package dev.warden.engines.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One tenant's correction, inside the transaction {@link LedgerCorrections#correct} opens. */
final class LedgerCorrection {

  private record Measured(
      String state, long objects, long bytes, Long before, Long after, Long drift, Long dObjects) {}

  private record Ledger(long bytes, long objects, long documents) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String runId;
  private final String env;
  private final String tenant;

  LedgerCorrection(JdbcClient jdbc, Clock clock, String runId, String env, String tenant) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.runId = runId;
    this.env = env;
    this.tenant = tenant;
  }

  Correction apply(long documents) {
    Measured m =
        jdbc.sql(
                """
                select state, current_objects + noncurrent_objects, current_bytes + noncurrent_bytes,
                  bytes_before, bytes_after, drift_bytes, drift_objects
                from reconciliation_tenants where reconciliation_id = ? and tenant_id = ?
                for update
                """)
            .params(runId, tenant)
            .query(
                (rs, n) ->
                    new Measured(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        (Long) rs.getObject(4),
                        (Long) rs.getObject(5),
                        (Long) rs.getObject(6),
                        (Long) rs.getObject(7)))
            .single();
    if (!"MEASURED".equals(m.state()) && !"FAILED".equals(m.state())) {
      return done(m, documents); // a retried page: this tenant was dealt with already
    }
    boolean dryRun =
        jdbc.sql("select dry_run from reconciliation_runs where reconciliation_id = ?")
            .param(runId)
            .query(Boolean.class)
            .single();
    Instant now = clock.instant();
    if (!dryRun) {
      // The row lock first: a purge that zeroes the ledger either committed before (and its
      // request is then visible below) or waits for this transaction and overwrites it.
      jdbc.sql(
              """
              insert into quota_ledger (tenant_id, env, updated_at) values (?, ?, ?)
              on conflict (tenant_id, env) do nothing
              """)
          .params(tenant, env, Timestamp.from(now))
          .update();
    }
    Ledger ledger = ledger(!dryRun).orElse(new Ledger(0, 0, 0));
    long[] base = baseline();
    long drift = m.bytes() - base[0];
    long dObjects = m.objects() - base[1];
    long after = Math.max(0, ledger.bytes() + drift);
    long objectsAfter = Math.max(0, ledger.objects() + dObjects);
    String reason = purgeSinceSnapshot();
    String state;
    if (reason != null) {
      state = "DEFERRED";
      after = ledger.bytes();
      objectsAfter = ledger.objects();
    } else if (dryRun) {
      state = "DRY_RUN";
    } else {
      boolean changed =
          after != ledger.bytes()
              || objectsAfter != ledger.objects()
              || documents != ledger.documents();
      state = changed ? "APPLIED" : "UNCHANGED";
      jdbc.sql(
              """
              update quota_ledger
              set storage_bytes_used = ?, storage_objects = ?, index_documents = ?,
                  last_reconciled_at = ?, last_drift_bytes = ?, last_reconciliation_id = ?,
                  updated_at = ?
              where tenant_id = ? and env = ?
              """)
          .params(
              after,
              objectsAfter,
              documents,
              Timestamp.from(now),
              drift,
              runId,
              Timestamp.from(now),
              tenant,
              env)
          .update();
    }
    jdbc.sql(
            """
            update reconciliation_tenants
            set state = ?, documents = ?, bytes_before = ?, bytes_after = ?, drift_bytes = ?,
                drift_objects = ?, error = ?, attempts = attempts + 1, updated_at = ?
            where reconciliation_id = ? and tenant_id = ?
            """)
        .params(
            state,
            documents,
            ledger.bytes(),
            after,
            drift,
            dObjects,
            reason,
            Timestamp.from(now),
            runId,
            tenant)
        .update();
    return new Correction(
        tenant,
        state,
        ledger.bytes(),
        after,
        ledger.objects(),
        objectsAfter,
        ledger.documents(),
        documents,
        drift,
        dObjects,
        reason);
  }

  private Optional<Ledger> ledger(boolean lock) {
    return jdbc.sql(
            "select storage_bytes_used, storage_objects, coalesce(index_documents, 0)"
                + " from quota_ledger where tenant_id = ? and env = ?"
                + (lock ? " for update" : ""))
        .params(tenant, env)
        .query((rs, n) -> new Ledger(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .optional();
  }

  private long[] baseline() {
    return jdbc.sql(
            "select bytes_used, objects from reconciliation_baselines"
                + " where reconciliation_id = ? and tenant_id = ?")
        .params(runId, tenant)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .optional()
        .orElse(new long[] {0, 0});
  }

  // A purge that is active, or was asked for or finished after the snapshot, makes the
  // measurement stale: writing it would resurrect usage the purge removes.
  private String purgeSinceSnapshot() {
    return jdbc.sql(
            """
            select p.purge_id::text || ' (' || p.status || ')' from purge_requests p,
              reconciliation_runs r
            where r.reconciliation_id = ? and p.tenant_id = ? and p.env = ? and not p.dry_run
              and (p.status in %s or p.requested_at >= r.snapshot_at
                   or p.completed_at >= r.snapshot_at)
            order by p.requested_at desc limit 1
            """
                .formatted(LedgerCorrections.ACTIVE_PURGE))
        .params(runId, tenant, env)
        .query(String.class)
        .optional()
        .map(purge -> "purge " + purge + " of the tenant since the snapshot")
        .orElse(null);
  }

  private Correction done(Measured m, long documents) {
    long before = m.before() == null ? 0 : m.before();
    long after = m.after() == null ? before : m.after();
    return new Correction(
        tenant,
        m.state(),
        before,
        after,
        0,
        0,
        0,
        documents,
        m.drift() == null ? 0 : m.drift(),
        m.dObjects() == null ? 0 : m.dObjects(),
        null);
  }
}
