package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.tenant.Env;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans wire from an app's ordinary datasource settings, and a change reaches the check. */
@ExtendWith(DevStackExtension.class)
class KillSwitchConfigurationIT {

  @Test
  void givenTheAppsDataSource_whenTheConfigurationLoads_thenAnEngageReachesTheEvaluator() {
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    Env env = Env.of("kscfg" + UUID.randomUUID().toString().substring(0, 8).replace("-", ""));
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class,
                JdbcTemplateAutoConfiguration.class,
                JdbcClientAutoConfiguration.class,
                FlywayAutoConfiguration.class))
        .withUserConfiguration(KillSwitchConfiguration.class, Events.class)
        .withPropertyValues(
            "spring.datasource.url=" + endpoints.jdbcUrl(),
            "spring.datasource.username=" + endpoints.dbUser(),
            "spring.datasource.password=" + endpoints.dbPassword(),
            "warden.kill-switch.poll-interval=100ms",
            "warden.kill-switch.max-staleness=2s")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KillSwitchProperties.class).pollInterval())
                  .isEqualTo(Duration.ofMillis(100));
              KillSwitchService service = context.getBean(KillSwitchService.class);
              KillSwitchEvaluator evaluator = context.getBean(KillSwitchEvaluator.class);
              KillSwitchSpec scope = KillSwitchSpec.global().withEnv(env);
              KillSwitchQuery query = KillSwitchQuery.of(env, null, KillSwitchAction.SEARCH);

              service.engage(scope, "config test", "test", null, null);
              long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
              while (evaluator.check(query).allowed() && System.nanoTime() < deadline) {
                Thread.sleep(5);
              }
              boolean blocked = evaluator.check(query).blocked();
              service.release(scope, "config test over", "test", null);

              assertThat(blocked).isTrue();
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Events {
    @Bean
    DatasetEventStore datasetEventStore(JdbcClient jdbc) {
      return new DatasetEventStore(jdbc, new ObjectMapper());
    }
  }
}
