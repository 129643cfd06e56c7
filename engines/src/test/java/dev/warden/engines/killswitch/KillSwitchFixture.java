package dev.warden.engines.killswitch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.testing.DbFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A kill-switch service on the devstack's PostgreSQL, plus "replicas": evaluators with their own
 * connections, as separate API or worker processes would have. Each fixture works in an env of its
 * own, so switches never leak into other tests; {@link #releaseAll()} cleans up.
 */
final class KillSwitchFixture {

  final DevStackEndpoints endpoints = DevStackExtension.endpoints();
  final DbFixture db = new DbFixture(endpoints);
  final KillSwitchStore store = new KillSwitchStore(db.jdbc());
  final DatasetEventStore events = new DatasetEventStore(db.jdbc(), new ObjectMapper());
  final KillSwitchService service =
      new KillSwitchService(
          store,
          events,
          new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
          Clock.systemUTC());
  final Env env = Env.of("ks" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));

  private final List<HikariDataSource> pools = new ArrayList<>();

  /** A started evaluator with its own connection pool and, if asked, its own LISTEN. */
  CachedKillSwitches replica(KillSwitchProperties properties, boolean listen) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(endpoints.jdbcUrl());
    pool.setUsername(endpoints.dbUser());
    pool.setPassword(endpoints.dbPassword());
    pool.setMaximumPoolSize(2);
    pools.add(pool);
    ListenerConnectionFactory connections =
        listen
            ? ListenerConnectionFactory.driverManager(
                endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword())
            : null;
    return new CachedKillSwitches(
            new KillSwitchStore(JdbcClient.create(pool)),
            connections,
            properties,
            Clock.systemUTC())
        .start();
  }

  /** Releases this fixture's switches and closes the replicas' pools. */
  void close() {
    service.current().stream()
        .filter(s -> env.equals(s.scope().env()))
        .forEach(s -> service.release(s.scope(), "test cleanup", "test", null));
    pools.forEach(HikariDataSource::close);
  }
}
