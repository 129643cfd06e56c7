package dev.warden.engines.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The quota ledger in PostgreSQL (V4): limits, usage and rate-limit overrides per tenant; the
 * presigned uploads' reservations are {@link QuotaReservations}. Every admission is one conditional
 * UPDATE of the tenant's row ({@code ... where used + reserved + n <= limit}): PostgreSQL locks the
 * row and re-checks the condition on the locked version, so used + reserved never passes the limit
 * however many replicas race. A refused admission changes nothing.
 */
public class QuotaLedger {

  private static final TypeReference<Map<String, String>> RATES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionOperations tx;
  private final ObjectMapper json;
  private final QuotaDefaults defaults;
  private final Clock clock;

  public QuotaLedger(
      JdbcClient jdbc,
      TransactionOperations tx,
      ObjectMapper json,
      QuotaDefaults defaults,
      Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
    this.defaults = defaults;
    this.clock = clock;
  }

  public QuotaDefaults defaults() {
    return defaults;
  }

  /** The tenant's row, or an empty one (defaults, nothing used) when it has none yet. */
  public TenantQuota get(TenantId tenant, Env env) {
    return find(tenant.value(), env.value())
        .orElseGet(() -> TenantQuota.empty(tenant.value(), env.value()));
  }

  public Optional<TenantQuota> find(String tenantId, String env) {
    return jdbc.sql("select * from quota_ledger where tenant_id = ? and env = ?")
        .params(tenantId, env)
        .query(this::map)
        .optional();
  }

  /**
   * Counts an object the API writes itself (a pack) against the storage quota.
   *
   * @throws QuotaExceededException when used + reserved + bytes would pass the limit
   */
  public void admitWrite(TenantId tenant, Env env, long bytes) {
    positive(bytes);
    tx.executeWithoutResult(
        status -> {
          admitStorage(
              tenant,
              env,
              bytes,
              "storage_bytes_used = storage_bytes_used + :n, storage_objects = storage_objects + 1");
        });
  }

  /** Gives back bytes admitted by {@link #admitWrite} for an object that was never written. */
  public void revertWrite(TenantId tenant, Env env, long bytes) {
    jdbc.sql(
            """
            update quota_ledger
            set storage_bytes_used = greatest(storage_bytes_used - ?, 0),
                storage_objects = greatest(storage_objects - 1, 0), updated_at = ?
            where tenant_id = ? and env = ?
            """)
        .params(bytes, Timestamp.from(clock.instant()), tenant.value(), env.value())
        .update();
  }

  /**
   * Counts one indexing op on today's (UTC) counter.
   *
   * @throws QuotaExceededException when today's ops would pass the limit; resets at next midnight
   */
  public void consumeIndexOp(TenantId tenant, Env env) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    tx.executeWithoutResult(
        status -> {
          ensureRow(tenant, env);
          int admitted =
              jdbc.sql(
                      """
                      update quota_ledger
                      set index_ops_used =
                            case when index_ops_day = :today then index_ops_used + 1 else 1 end,
                          index_ops_day = :today, updated_at = :now
                      where tenant_id = :tenant and env = :env
                        and (case when index_ops_day = :today then index_ops_used else 0 end) + 1
                            <= coalesce(index_ops_per_day_limit, :default)
                      """)
                  .param("today", Date.valueOf(today))
                  .param("now", Timestamp.from(now))
                  .param("tenant", tenant.value())
                  .param("env", env.value())
                  .param("default", defaults.indexOpsPerDay())
                  .update();
          if (admitted == 0) {
            TenantQuota row = get(tenant, env);
            throw new QuotaExceededException(
                QuotaKind.INDEX_OPS_PER_DAY,
                row.indexOpsLimit(defaults),
                row.indexOpsOn(today),
                0,
                1,
                today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
          }
        });
  }

  /**
   * Sets the tenant's limits; a null limit (or a missing rate class) means the default. Returns the
   * row before the change.
   */
  public TenantQuota setLimits(
      TenantId tenant, Env env, QuotaLimits limits, String actor, String reason) {
    return tx.execute(
        status -> {
          ensureRow(tenant, env);
          TenantQuota before =
              jdbc.sql("select * from quota_ledger where tenant_id = ? and env = ? for update")
                  .params(tenant.value(), env.value())
                  .query(this::map)
                  .single();
          jdbc.sql(
                  """
                  update quota_ledger
                  set storage_bytes_limit = ?, index_ops_per_day_limit = ?,
                      rate_limits = cast(? as jsonb), limits_changed_by = ?,
                      limits_changed_at = ?, limits_reason = ?, updated_at = ?
                  where tenant_id = ? and env = ?
                  """)
              .params(
                  limits.storageBytes(),
                  limits.indexOpsPerDay(),
                  write(limits.rateLimits()),
                  actor,
                  Timestamp.from(clock.instant()),
                  reason,
                  Timestamp.from(clock.instant()),
                  tenant.value(),
                  env.value())
              .update();
          return before;
        });
  }

  /** The tenant's rate-limit overrides by route class; empty when it has none. */
  public Map<String, String> rateLimits(TenantId tenant, Env env) {
    return jdbc.sql("select rate_limits from quota_ledger where tenant_id = ? and env = ?")
        .params(tenant.value(), env.value())
        .query((rs, n) -> read(rs.getString(1)))
        .optional()
        .orElse(Map.of());
  }

  /**
   * A purged tenant holds nothing: usage, reservations and today's ops go to zero; its limits stay.
   */
  public void zero(TenantId tenant, Env env) {
    tx.executeWithoutResult(
        status -> {
          jdbc.sql("delete from quota_reservations where tenant_id = ? and env = ?")
              .params(tenant.value(), env.value())
              .update();
          jdbc.sql(
                  """
                  update quota_ledger
                  set storage_bytes_used = 0, storage_objects = 0, storage_bytes_reserved = 0,
                      index_documents = 0, updated_at = ?
                  where tenant_id = ? and env = ?
                  """)
              .params(Timestamp.from(clock.instant()), tenant.value(), env.value())
              .update();
        });
  }

  /**
   * The one storage admission: applies {@code change} (a SET list using {@code :n}) only when used
   * + reserved + n stays within the limit, in one conditional UPDATE of the locked row.
   */
  void admitStorage(TenantId tenant, Env env, long bytes, String change) {
    ensureRow(tenant, env);
    int admitted =
        jdbc.sql(
                """
                update quota_ledger set %s, updated_at = :now
                where tenant_id = :tenant and env = :env
                  and storage_bytes_used + storage_bytes_reserved + :n
                      <= coalesce(storage_bytes_limit, :default)
                """
                    .formatted(change))
            .param("n", bytes)
            .param("now", Timestamp.from(clock.instant()))
            .param("tenant", tenant.value())
            .param("env", env.value())
            .param("default", defaults.storageBytes())
            .update();
    if (admitted == 0) {
      throw storageRefused(tenant, env, bytes);
    }
  }

  private void ensureRow(TenantId tenant, Env env) {
    jdbc.sql(
            """
            insert into quota_ledger (tenant_id, env, updated_at) values (?, ?, ?)
            on conflict (tenant_id, env) do nothing
            """)
        .params(tenant.value(), env.value(), Timestamp.from(clock.instant()))
        .update();
  }

  private QuotaExceededException storageRefused(TenantId tenant, Env env, long bytes) {
    TenantQuota row = get(tenant, env);
    return new QuotaExceededException(
        QuotaKind.STORAGE_BYTES,
        row.storageLimit(defaults),
        row.storageBytesUsed(),
        row.storageBytesReserved(),
        bytes,
        null);
  }

  static void positive(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes must be positive, was " + bytes);
    }
  }

  TenantQuota map(ResultSet rs, int row) throws SQLException {
    Date day = rs.getDate("index_ops_day");
    return new TenantQuota(
        rs.getString("tenant_id"),
        rs.getString("env"),
        (Long) rs.getObject("storage_bytes_limit"),
        (Long) rs.getObject("index_ops_per_day_limit"),
        read(rs.getString("rate_limits")),
        rs.getLong("storage_bytes_used"),
        rs.getLong("storage_objects"),
        rs.getLong("storage_bytes_reserved"),
        day == null ? null : day.toLocalDate(),
        rs.getLong("index_ops_used"),
        (Long) rs.getObject("index_documents"),
        instant(rs, "last_reconciled_at"),
        (Long) rs.getObject("last_drift_bytes"),
        rs.getString("last_reconciliation_id"),
        rs.getString("limits_changed_by"),
        instant(rs, "limits_changed_at"),
        rs.getString("limits_reason"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private String write(Map<String, String> rates) {
    try {
      return json.writeValueAsString(rates == null ? Map.of() : rates);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rate limits are not serialisable", e);
    }
  }

  private Map<String, String> read(String value) {
    try {
      return value == null ? Map.of() : json.readValue(value, RATES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored rate limits are not JSON: " + value, e);
    }
  }
}
