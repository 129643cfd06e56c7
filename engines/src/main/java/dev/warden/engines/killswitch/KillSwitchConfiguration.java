package dev.warden.engines.killswitch;

import dev.warden.engines.events.DatasetEventStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
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
      PollConnection poll,
      DataSourceProperties dataSource,
      KillSwitchProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    ListenerConnectionFactory connections =
        ListenerConnectionFactory.driverManager(
            dataSource.determineUrl(),
            dataSource.determineUsername(),
            dataSource.determinePassword());
    CachedKillSwitches cache =
        new CachedKillSwitches(poll.store(), connections, properties, Clock.systemUTC());
    meters.ifAvailable(registry -> cacheAge(cache, registry));
    return cache.start();
  }

  /**
   * Age of the replica's kill-switch snapshot; +Inf before the first load, so an alert on the age
   * also catches a replica that never loaded the switches.
   */
  private static void cacheAge(CachedKillSwitches cache, MeterRegistry registry) {
    Gauge.builder(
            "warden.killswitch.cache.age.seconds",
            cache,
            c -> {
              Duration age = c.staleness();
              return age == null ? Double.POSITIVE_INFINITY : age.toNanos() / 1e9;
            })
        .description("Seconds since this replica's kill-switch snapshot was last refreshed")
        .register(registry);
  }
}
