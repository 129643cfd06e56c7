package dev.warden.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.PurgeActivities;
import dev.warden.activities.PurgeWorkerOptions;
import dev.warden.activities.guard.GuardActivitiesImpl;
import dev.warden.activities.index.IndexActivitiesImpl;
import dev.warden.activities.inventory.InventoryActivitiesImpl;
import dev.warden.activities.logs.LogActivitiesImpl;
import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.storage.StorageActivitiesImpl;
import dev.warden.engines.config.EnginesConfiguration;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.index.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.storage.LogArchiveStore;
import dev.warden.engines.storage.TenantObjectStore;
import dev.warden.engines.storage.VersionedObjectStore;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
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
  WorkerOptionsCustomizer purgeWorkerOptions() {
    return (builder, workerName, taskQueue) -> PurgeWorkerOptions.apply(builder);
  }

  @Bean
  PurgeActivities purgeActivities(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      TenantIndexStore index,
      LogArchiveStore archives,
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      WardenProperties properties,
      ObjectMapper json,
      Clock clock) {
    return PurgeActivities.wire(
        new PurgeActivities.Stores(
            objects, versions, index, archives, purges, holds, events, killSwitches),
        properties,
        json,
        clock);
  }

  @Bean
  PurgeRecordActivitiesImpl purgeRecordActivities(PurgeActivities all) {
    return all.records();
  }

  @Bean
  StorageActivitiesImpl storageActivities(PurgeActivities all) {
    return all.storage();
  }

  @Bean
  IndexActivitiesImpl indexActivities(PurgeActivities all) {
    return all.index();
  }

  @Bean
  LogActivitiesImpl logActivities(PurgeActivities all) {
    return all.logs();
  }

  @Bean
  InventoryActivitiesImpl inventoryActivities(PurgeActivities all) {
    return all.inventory();
  }

  @Bean
  GuardActivitiesImpl guardActivities(PurgeActivities all) {
    return all.guard();
  }
}
