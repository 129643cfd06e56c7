package dev.warden.engines.purge;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Legal holds: while one stands, nothing of the tenant may be deleted. */
public class LegalHoldStore {

  /** One hold on a tenant in an environment. */
  public record LegalHold(
      String tenantId, String env, String placedBy, String reason, Instant placedAt) {}

  /** What placing a hold did: the standing hold, and whether this call placed it. */
  public record Placement(LegalHold hold, boolean placed) {}

  private final JdbcClient jdbc;

  public LegalHoldStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Places a hold; placing it again keeps the first one (who, when, why) and returns it. */
  public Placement place(TenantId tenant, Env env, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required to place a legal hold");
    }
    int inserted =
        jdbc.sql(
                """
            insert into legal_holds (tenant_id, env, placed_by, reason, placed_at)
            values (?, ?, ?, ?, ?) on conflict (tenant_id, env) do nothing
            """)
            .params(tenant.value(), env.value(), actor, reason, Timestamp.from(Instant.now()))
            .update();
    return new Placement(find(tenant.value(), env.value()).orElseThrow(), inserted == 1);
  }

  /** Lifts the hold; returns the hold that stood, if any (one statement: two lifts, one wins). */
  public Optional<LegalHold> lift(TenantId tenant, Env env) {
    return jdbc.sql("delete from legal_holds where tenant_id = ? and env = ? returning *")
        .params(tenant.value(), env.value())
        .query(LegalHoldStore::map)
        .optional();
  }

  public Optional<LegalHold> find(String tenantId, String env) {
    return jdbc.sql("select * from legal_holds where tenant_id = ? and env = ?")
        .params(tenantId, env)
        .query(LegalHoldStore::map)
        .optional();
  }

  private static LegalHold map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new LegalHold(
        rs.getString("tenant_id"),
        rs.getString("env"),
        rs.getString("placed_by"),
        rs.getString("reason"),
        rs.getTimestamp("placed_at").toInstant());
  }
}
