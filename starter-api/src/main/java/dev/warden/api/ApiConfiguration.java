package dev.warden.api;

import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.ratelimit.RateLimitConfiguration;
import dev.warden.engines.tenant.Env;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import({EnginesConfiguration.class, RateLimitConfiguration.class})
class ApiConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The one environment this deployment serves; requests for another are refused. */
  @Bean
  Env deploymentEnv(WardenProperties properties) {
    return Env.of(properties.env());
  }
}
