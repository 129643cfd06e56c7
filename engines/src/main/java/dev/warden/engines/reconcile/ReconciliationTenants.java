package dev.warden.engines.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-tenant rows of a reconciliation run: which tenants it deals with, what it measured and
 * what it did. Measurements are absolute values, so writing one again (a resumed sweep) is a no-op.
 */
public class ReconciliationTenants {

  private static final int ADD_BATCH = 1_000;

  /** A run's figures, counted from its tenant rows. */
  public record Counts(
      long total,
      long measured,
      long applied,
      long unchanged,
      long deferred,
      long failed,
      long dryRun,
      long withDrift,
      long driftBytes) {

    public long done() {
      return applied + unchanged + deferred + dryRun;
    }
  }

  /** A tenant whose usage differed from the ledger. */
  public record Drift(
      String tenantId,
      String state,
      long bytesBefore,
      long bytesAfter,
      long driftBytes,
      long driftObjects,
      long currentObjects,
      long currentBytes,
      long noncurrentObjects,
      long noncurrentBytes,
      Long documents,
      String error) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public ReconciliationTenants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Adds tenants to measure; those the run already has stay as they are. One statement per 1,000
   * tenants: a whole-env run discovers every tenant folder at its start.
   */
  public void add(String runId, String env, Collection<String> tenantIds) {
    List<String> all = List.copyOf(tenantIds);
    for (int from = 0; from < all.size(); from += ADD_BATCH) {
      String[] batch =
          all.subList(from, Math.min(all.size(), from + ADD_BATCH)).toArray(String[]::new);
      jdbc.sql(
              """
              insert into reconciliation_tenants (reconciliation_id, tenant_id, env, state,
                updated_at)
              select ?, t, ?, 'PENDING', ? from unnest(cast(? as text[])) as t
              on conflict do nothing
              """)
          .params(runId, env, Timestamp.from(clock.instant()), batch)
          .update();
    }
  }

  /** Stores measurements (absolute); a tenant already corrected by this run is left alone. */
  public void measured(String runId, String env, Collection<TenantUsage> usages) {
    for (TenantUsage u : usages) {
      jdbc.sql(
              """
              insert into reconciliation_tenants as t (reconciliation_id, tenant_id, env, state,
                current_objects, current_bytes, noncurrent_objects, noncurrent_bytes, updated_at)
              values (?, ?, ?, 'MEASURED', ?, ?, ?, ?, ?)
              on conflict (reconciliation_id, tenant_id) do update
              set state = 'MEASURED', current_objects = excluded.current_objects,
                  current_bytes = excluded.current_bytes,
                  noncurrent_objects = excluded.noncurrent_objects,
                  noncurrent_bytes = excluded.noncurrent_bytes, updated_at = excluded.updated_at
              where t.state in ('PENDING', 'MEASURED')
              """)
          .params(
              runId,
              u.tenantId(),
              env,
              u.currentObjects(),
              u.currentBytes(),
              u.noncurrentObjects(),
              u.noncurrentBytes(),
              Timestamp.from(clock.instant()))
          .update();
    }
  }

  /** After a full sweep: a tenant the listing never reached holds nothing. */
  public int nothingFoundForPending(String runId) {
    return jdbc.sql(
            """
            update reconciliation_tenants set state = 'MEASURED', updated_at = ?
            where reconciliation_id = ? and state = 'PENDING'
            """)
        .params(Timestamp.from(clock.instant()), runId)
        .update();
  }

  /** A tenant whose folder listed nothing holds nothing; 1 when it was still PENDING. */
  public int nothingFoundIfPending(String runId, String tenantId) {
    return jdbc.sql(
            """
            update reconciliation_tenants set state = 'MEASURED', updated_at = ?
            where reconciliation_id = ? and tenant_id = ? and state = 'PENDING'
            """)
        .params(Timestamp.from(clock.instant()), runId, tenantId)
        .update();
  }

  /** Tenant ids in {@code state} after {@code after} (null: from the start), in id order. */
  public List<String> page(String runId, String state, String after, int limit) {
    return jdbc.sql(
            """
            select tenant_id from reconciliation_tenants
            where reconciliation_id = ? and state = ? and tenant_id > ?
            order by tenant_id limit ?
            """)
        .params(runId, state, after == null ? "" : after, limit)
        .query(String.class)
        .list();
  }

  public void failed(String runId, String tenantId, String error) {
    jdbc.sql(
            """
            update reconciliation_tenants
            set state = 'FAILED', error = ?, attempts = attempts + 1, updated_at = ?
            where reconciliation_id = ? and tenant_id = ?
            """)
        .params(error, Timestamp.from(clock.instant()), runId, tenantId)
        .update();
  }

  public Counts counts(String runId) {
    return jdbc.sql(
            """
            select count(*),
              count(*) filter (where state = 'MEASURED'),
              count(*) filter (where state = 'APPLIED'),
              count(*) filter (where state = 'UNCHANGED'),
              count(*) filter (where state = 'DEFERRED'),
              count(*) filter (where state = 'FAILED'),
              count(*) filter (where state = 'DRY_RUN'),
              count(*) filter (where coalesce(drift_bytes, 0) <> 0
                                 or coalesce(drift_objects, 0) <> 0),
              coalesce(sum(abs(drift_bytes)), 0)
            from reconciliation_tenants where reconciliation_id = ?
            """)
        .param(runId)
        .query(
            (rs, n) ->
                new Counts(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    rs.getLong(9)))
        .single();
  }

  /** The tenants with drift or a failure, largest drift first. */
  public List<Drift> drifted(String runId, int limit) {
    return jdbc.sql(
            """
            select * from reconciliation_tenants
            where reconciliation_id = ?
              and (coalesce(drift_bytes, 0) <> 0 or coalesce(drift_objects, 0) <> 0
                   or state = 'FAILED')
            order by abs(coalesce(drift_bytes, 0)) desc, tenant_id limit ?
            """)
        .params(runId, limit)
        .query(
            (rs, n) ->
                new Drift(
                    rs.getString("tenant_id"),
                    rs.getString("state"),
                    rs.getLong("bytes_before"),
                    rs.getLong("bytes_after"),
                    rs.getLong("drift_bytes"),
                    rs.getLong("drift_objects"),
                    rs.getLong("current_objects"),
                    rs.getLong("current_bytes"),
                    rs.getLong("noncurrent_objects"),
                    rs.getLong("noncurrent_bytes"),
                    (Long) rs.getObject("documents"),
                    rs.getString("error")))
        .list();
  }
}
