package dev.warden.engines.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.warden.devstack.DevStackEndpoints;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The devstack's PostgreSQL with Warden's migrations applied, for adapter tests without Spring. */
public final class DbFixture {

  private final DataSource dataSource;

  public DbFixture(DevStackEndpoints endpoints) {
    this(endpoints, false);
  }

  /**
   * @param pooled a connection pool as the apps have (benchmarks: a connection per statement costs
   *     milliseconds each); tests keep a fresh connection per statement
   */
  public DbFixture(DevStackEndpoints endpoints, boolean pooled) {
    this.dataSource = pooled ? pool(endpoints) : unpooled(endpoints);
    Flyway.configure().dataSource(dataSource).load().migrate();
  }

  private static DataSource unpooled(DevStackEndpoints endpoints) {
    return new DriverManagerDataSource(
        endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
  }

  private static DataSource pool(DevStackEndpoints endpoints) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(endpoints.jdbcUrl());
    pool.setUsername(endpoints.dbUser());
    pool.setPassword(endpoints.dbPassword());
    pool.setMaximumPoolSize(8);
    return pool;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }
}
