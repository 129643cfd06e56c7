package dev.warden.engines.purge;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write lock of a tenant under purge (table {@code tenant_locks}, V12). {@link
 * PurgeRecordStore#admit} engages it in the statement that stores a purge; it stays after the purge
 * completes, is released by {@link #release} when a purge ends without erasing the tenant, and
 * lifted by an operator with {@link #reopen}. It also keeps the latest expiry of the tenant's
 * presigned upload URLs, so a purge can wait them out.
 */
public class TenantLocks {

  /** The lock standing on a tenant: the purge that engaged it and when. */
  public record Lock(String tenantId, String env, UUID purgeId, Instant lockedAt) {}

  private final JdbcClient jdbc;

  public TenantLocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Lock> find(TenantId tenant, Env env) {
    return jdbc.sql(
            "select * from tenant_locks where tenant_id = ? and env = ? and purge_id is not null")
        .params(tenant.value(), env.value())
        .query(TenantLocks::map)
        .optional();
  }

  /**
   * Records that an upload URL valid until {@code validUntil} is about to be handed out, unless the
   * tenant is locked: then nothing is recorded and the standing lock is returned. One upsert, so it
   * is ordered against a purge's admission by the row lock: either the admission sees this expiry,
   * or this call sees the lock.
   */
  public Optional<Lock> notePresign(TenantId tenant, Env env, Instant validUntil) {
    int noted =
        jdbc.sql(
                """
                insert into tenant_locks as l (tenant_id, env, upload_urls_valid_until)
                values (?, ?, ?)
                on conflict (tenant_id, env) do update set upload_urls_valid_until =
                  greatest(l.upload_urls_valid_until, excluded.upload_urls_valid_until)
                where l.purge_id is null
                """)
            .params(tenant.value(), env.value(), Timestamp.from(validUntil))
            .update();
    return noted == 1 ? Optional.empty() : find(tenant, env);
  }

  /**
   * Releases the lock {@code purgeId} engaged, when that purge ends without erasing the tenant
   * (cancelled, rejected, expired, never started): the tenant is as before that purge, unlocked or
   * still locked by an earlier purge that was not re-opened. A lock taken over by a later purge, or
   * lifted already, is left alone. True when this call released it.
   */
  public boolean release(UUID purgeId) {
    return jdbc.sql(
                """
                update tenant_locks set purge_id = previous_purge_id,
                  locked_at = previous_locked_at, previous_purge_id = null, previous_locked_at = null
                where purge_id = ?
                """)
            .param(purgeId)
            .update()
        == 1;
  }

  /** Lifts whatever lock stands on the tenant (an operator re-opens it); returns what stood. */
  public Optional<Lock> reopen(TenantId tenant, Env env) {
    return jdbc.sql(
            """
            update tenant_locks l set purge_id = null, locked_at = null,
              previous_purge_id = null, previous_locked_at = null
            from tenant_locks old
            where l.tenant_id = ? and l.env = ? and l.purge_id is not null
              and old.tenant_id = l.tenant_id and old.env = l.env
            returning old.*
            """)
        .params(tenant.value(), env.value())
        .query(TenantLocks::map)
        .optional();
  }

  /**
   * The part of {@link PurgeRecordStore#admit}'s statement that engages the lock: a CTE {@code
   * lock} taking (tenant, env, purge id, skip) and returning {@code upload_urls_valid_until}. A new
   * purge takes over the lock of an earlier one (e.g. one that failed), keeping it to put back.
   */
  static final String ENGAGE_CTE =
      """
      lock as (
        insert into tenant_locks as l (tenant_id, env, purge_id, locked_at)
        select ?, ?, ?, now() where not ?
        on conflict (tenant_id, env) do update
          set purge_id = excluded.purge_id, locked_at = excluded.locked_at,
            previous_purge_id = l.purge_id, previous_locked_at = l.locked_at
        returning upload_urls_valid_until)
      """;

  private static Lock map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Lock(
        rs.getString("tenant_id"),
        rs.getString("env"),
        rs.getObject("purge_id", UUID.class),
        rs.getTimestamp("locked_at").toInstant());
  }
}
