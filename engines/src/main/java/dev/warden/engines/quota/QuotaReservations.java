package dev.warden.engines.quota;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Storage reserved for presigned uploads ({@code quota_reservations}, V4): reserved against the
 * ledger's limit before the URL exists, settled when the object arrives or, after the URL expired,
 * by the reconciliation.
 */
public class QuotaReservations {

  private final QuotaLedger ledger;
  private final JdbcClient jdbc;
  private final TransactionOperations tx;
  private final Clock clock;

  public QuotaReservations(
      QuotaLedger ledger, JdbcClient jdbc, TransactionOperations tx, Clock clock) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Reserves {@code bytes} of storage for an upload to {@code objectKey} until {@code expiresAt}.
   *
   * @throws QuotaExceededException when used + reserved + bytes would pass the limit
   */
  public Reservation reserve(
      TenantId tenant,
      Env env,
      String objectKey,
      long bytes,
      Instant expiresAt,
      String actor,
      String traceId) {
    QuotaLedger.positive(bytes);
    return tx.execute(
        status -> {
          ledger.admitStorage(
              tenant, env, bytes, "storage_bytes_reserved = storage_bytes_reserved + :n");
          Reservation reservation =
              new Reservation(
                  UUID.randomUUID(),
                  tenant.value(),
                  env.value(),
                  objectKey,
                  bytes,
                  clock.instant(),
                  expiresAt);
          jdbc.sql(
                  """
                  insert into quota_reservations (reservation_id, tenant_id, env, object_key, bytes,
                    reserved_at, expires_at, actor, trace_id)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  """)
              .params(
                  reservation.reservationId(),
                  reservation.tenantId(),
                  reservation.env(),
                  objectKey,
                  bytes,
                  Timestamp.from(reservation.reservedAt()),
                  Timestamp.from(expiresAt),
                  actor,
                  traceId)
              .update();
          return reservation;
        });
  }

  /** An open reservation, if it was not settled yet. */
  public Optional<Reservation> reservation(UUID reservationId) {
    return jdbc.sql("select * from quota_reservations where reservation_id = ?")
        .param(reservationId)
        .query(QuotaReservations::row)
        .optional();
  }

  /**
   * Settles an open reservation: the object arrived with {@code storedBytes} (they move to used),
   * or, with null, it never did (the bytes are released). Settling twice is a no-op: false.
   */
  public boolean settle(UUID reservationId, Long storedBytes) {
    Boolean settled =
        tx.execute(
            status -> {
              Optional<Reservation> open =
                  jdbc.sql("delete from quota_reservations where reservation_id = ? returning *")
                      .param(reservationId)
                      .query(QuotaReservations::row)
                      .optional();
              if (open.isEmpty()) {
                return false;
              }
              Reservation r = open.get();
              long stored = storedBytes == null ? 0 : storedBytes;
              jdbc.sql(
                      """
                      update quota_ledger
                      set storage_bytes_reserved = greatest(storage_bytes_reserved - ?, 0),
                          storage_bytes_used = storage_bytes_used + ?,
                          storage_objects = storage_objects + ?,
                          updated_at = ?
                      where tenant_id = ? and env = ?
                      """)
                  .params(
                      r.bytes(),
                      stored,
                      storedBytes == null ? 0 : 1,
                      Timestamp.from(clock.instant()),
                      r.tenantId(),
                      r.env())
                  .update();
              return true;
            });
    return Boolean.TRUE.equals(settled);
  }

  /** Reservations whose presigned URL has expired, oldest first. */
  public List<Reservation> expired(String env, List<String> only, int limit) {
    String[] tenants = only == null ? null : only.toArray(String[]::new);
    return jdbc.sql(
            """
            select * from quota_reservations
            where env = ? and expires_at < ? and (cast(? as text[]) is null or tenant_id = any(?))
            order by expires_at, reservation_id limit ?
            """)
        .params(env, Timestamp.from(clock.instant()), tenants, tenants, limit)
        .query(QuotaReservations::row)
        .list();
  }

  private static Reservation row(ResultSet rs, int row) throws SQLException {
    return new Reservation(
        rs.getObject("reservation_id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("env"),
        rs.getString("object_key"),
        rs.getLong("bytes"),
        rs.getTimestamp("reserved_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant());
  }
}
