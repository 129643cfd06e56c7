package dev.warden.worker;

import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.storage.StorageActivitiesImpl;
import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.tenant.Env;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The activity beans the worker registers. application.yml names them explicitly, together with the
 * workflow classes, so what this worker runs is visible in one place.
 */
@Configuration(proxyBeanMethods = false)
@Import(EnginesConfiguration.class)
class WorkerConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  PurgeRecordActivitiesImpl purgeRecordActivities(
      PurgeRecordStore purges, DatasetEventStore events, Clock clock) {
    return new PurgeRecordActivitiesImpl(purges, events, clock);
  }

  @Bean
  StorageActivitiesImpl storageActivities(TenantObjectStore store, WardenProperties properties) {
    return new StorageActivitiesImpl(
        store, Env.of(properties.env()), properties.purge().pageSize());
  }
}
