package dev.warden.engines.killswitch;

import dev.warden.engines.events.DatasetEventStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kill-switch beans for both apps: the service that changes switches and the cached evaluator every
 * replica checks against. Imported by {@code EnginesConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KillSwitchProperties.class)
public class KillSwitchConfiguration {

  @Bean
  KillSwitchStore killSwitchStore(JdbcClient jdbc) {
    return new KillSwitchStore(jdbc);
  }

  @Bean
  KillSwitchService killSwitchService(
      KillSwitchStore store, DatasetEventStore events, PlatformTransactionManager transactions) {
    return new KillSwitchService(
        store, events, new TransactionTemplate(transactions), Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  PollConnection killSwitchPollConnection(DataSourceProperties dataSource) {
    return new PollConnection(
        dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword());
  }

  /**
   * The LISTEN connection and the poll's connection go to the same database as the pool, outside
   * the pool: a busy pool never delays a refresh.
   */
  @Bean(destroyMethod = "close")
  CachedKillSwitches cachedKillSwitches(
      PollConnection poll, DataSourceProperties dataSource, KillSwitchProperties properties) {
    ListenerConnectionFactory connections =
        ListenerConnectionFactory.driverManager(
            dataSource.determineUrl(),
            dataSource.determineUsername(),
            dataSource.determinePassword());
    return new CachedKillSwitches(poll.store(), connections, properties, Clock.systemUTC()).start();
  }
}
