package dev.warden.engines.killswitch;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One PostgreSQL connection of the kill-switch poller's own, outside the app's pool: a burst of
 * requests holding every pooled connection (quota transactions, say) must not starve the refresh
 * and turn every gated route into a fail-closed 503.
 */
final class PollConnection implements AutoCloseable {

  private final HikariDataSource dataSource;

  PollConnection(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("warden-kill-switch-poll");
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(1_000);
    // Start even while the database is down: checks fail closed until the first refresh.
    config.setInitializationFailTimeout(-1);
    this.dataSource = new HikariDataSource(config);
  }

  KillSwitchStore store() {
    return new KillSwitchStore(JdbcClient.create(dataSource));
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
