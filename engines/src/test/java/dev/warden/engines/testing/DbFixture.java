package dev.warden.engines.testing;

import dev.warden.devstack.DevStackEndpoints;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The devstack's PostgreSQL with Warden's migrations applied, for adapter tests without Spring. */
public final class DbFixture {

  private final DataSource dataSource;

  public DbFixture(DevStackEndpoints endpoints) {
    this.dataSource =
        new DriverManagerDataSource(
            endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
    Flyway.configure().dataSource(dataSource).load().migrate();
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }
}
