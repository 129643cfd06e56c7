package dev.warden.engines.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the real PostgreSQL, migrations run as the migration role and the apps log in as a member of
 * warden_app: the audit trails take INSERT and SELECT, and refuse UPDATE, DELETE and TRUNCATE with
 * "permission denied" (before any trigger); no DDL, no Flyway history.
 */
@ExtendWith(DevStackExtension.class)
class AppRolePrivilegesIT {
  static final String DENIED = "42501"; // insufficient_privilege

  String database;
  String appUser;
  DevStackEndpoints endpoints;

  @BeforeEach
  void migrateAFreshDatabaseAsTheMigrationRole() throws SQLException {
    endpoints = DevStackExtension.endpoints();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    database = "roles_" + suffix;
    appUser = "warden_app_login_" + suffix;
    try (Connection admin = connect("postgres", endpoints.dbUser(), endpoints.dbPassword());
        Statement s = admin.createStatement()) {
      s.execute("create database " + database);
    }
    Flyway.configure()
        .dataSource(url(database), endpoints.dbUser(), endpoints.dbPassword())
        .load()
        .migrate();
    try (Connection admin = connect(database, endpoints.dbUser(), endpoints.dbPassword());
        Statement s = admin.createStatement()) {
      s.execute("create role " + appUser + " login password 'app-secret' in role warden_app");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection admin = connect("postgres", endpoints.dbUser(), endpoints.dbPassword());
        Statement s = admin.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("drop role if exists " + appUser);
    }
  }

  @Test
  void givenTheAppRole_whenItAppendsAndReads_thenAllowed() throws SQLException {
    try (Connection app = connect(database, appUser, "app-secret");
        Statement s = app.createStatement()) {
      s.execute(insertEvent());
      s.execute(insertPurge());
      s.execute(
          "insert into purge_receipts (purge_id, receipt) select purge_id, '{}'::jsonb from"
              + " purge_requests");
      try (var rs = s.executeQuery("select count(*) from dataset_events")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      try (var rs = s.executeQuery("select count(*) from purge_receipts")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      // Other tables keep full data rights (a purge record moves through its states).
      assertThat(s.executeUpdate("update purge_requests set status_detail = 'x'")).isEqualTo(1);
      // A decision the API records may be marked taken by a run, nothing more.
      s.execute(insertDecision());
      assertThat(
              s.executeUpdate(
                  "update purge_decisions set used_by_run = 'run-1', used_at = now()"
                      + " where used_by_run is null"))
          .isEqualTo(1);
    }
  }

  @Test
  void givenTheAppRole_whenItSignsAReceipt_thenOnceAndNothingElse() throws SQLException {
    try (Connection app = connect(database, appUser, "app-secret");
        Statement s = app.createStatement()) {
      s.execute(insertPurge());
      s.execute(
          "insert into purge_receipts (purge_id, receipt) select purge_id, '{}'::jsonb from"
              + " purge_requests");
      assertThat(s.executeUpdate("update purge_receipts set signature = 'jws-1'")).isEqualTo(1);
      assertThatThrownBy(() -> s.executeUpdate("update purge_receipts set signature = 'jws-2'"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getMessage()).contains("signed already"));
      try (var rs = s.executeQuery("select signature from purge_receipts")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("jws-1");
      }
    }
    try (Connection owner = connect(database, endpoints.dbUser(), endpoints.dbPassword());
        Statement s = owner.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("update purge_receipts set receipt = '[]'::jsonb"))
          .as("the owner cannot rewrite a signed receipt either")
          .isInstanceOf(SQLException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "update dataset_events set actor = 'someone else'",
        "delete from dataset_events",
        "truncate dataset_events",
        "update purge_receipts set receipt = '{}'::jsonb",
        "update purge_receipts set signature = 'forged', receipt = '{}'::jsonb",
        "delete from purge_receipts",
        "truncate purge_receipts",
        "update kill_switch_history set reason = 'rewritten'",
        "truncate kill_switch_history",
        "drop trigger dataset_events_no_update on dataset_events",
        "alter table purge_receipts add column note text",
        "create table smuggled (i int)",
        "select * from flyway_schema_history",
        "update purge_decisions set actor = 'user:someone-else'",
        "update purge_decisions set purge_id = purge_id",
        "delete from purge_decisions",
        "truncate purge_decisions",
      })
  void givenTheAppRole_whenItRewritesTheTrailsOrChangesTheSchema_thenPermissionDenied(String sql)
      throws SQLException {
    try (Connection app = connect(database, appUser, "app-secret");
        Statement s = app.createStatement()) {
      s.execute(insertEvent());
      assertThatThrownBy(() -> s.execute(sql))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                // permission denied, or "must be owner" for DDL: both insufficient_privilege
                assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(DENIED);
              });
    }
  }

  private static String insertEvent() {
    return "insert into dataset_events (event_id, type, actor, occurred_at) values ('"
        + UUID.randomUUID()
        + "', 'TEST', 'user:test', now())";
  }

  private static String insertDecision() {
    return "insert into purge_decisions (decision_id, purge_id, kind, actor) select '"
        + UUID.randomUUID()
        + "', purge_id, 'APPROVE', 'user:compliance-2' from purge_requests";
  }

  private static String insertPurge() {
    return "insert into purge_requests (purge_id, tenant_id, env, requested_by, reason, status,"
        + " workflow_id, requested_at, received_at, initial_due_at, due_at) values ('"
        + UUID.randomUUID()
        + "', 'acme', 'prod', 'user:dpo', 'test', 'COMPLETED', 'tenant-purge/prod/acme', now(),"
        + " now(), now() + interval '30 days', now() + interval '30 days')";
  }

  private String url(String db) {
    return endpoints.jdbcUrl().replaceAll("/[^/?]+(\\?|$)", "/" + db + "$1");
  }

  private Connection connect(String db, String user, String password) throws SQLException {
    return DriverManager.getConnection(url(db), user, password);
  }
}
