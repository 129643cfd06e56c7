package dev.warden.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.guard.GuardActivitiesImpl;
import dev.warden.activities.index.IndexActivitiesImpl;
import dev.warden.activities.inventory.InventoryActivitiesImpl;
import dev.warden.activities.logs.LogActivitiesImpl;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.activities.preflight.PreflightActivitiesImpl;
import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.storage.StorageActivitiesImpl;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.indexpurge.IndexProgress;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.objects.StorageProgress;
import dev.warden.engines.objects.TenantObjectStore;
import dev.warden.engines.objects.VersionedObjectStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.quota.QuotaLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge activities, wired once by {@link PurgeActivities} from the engines' beans and {@code
 * warden.*}, and each as a bean of its own: the worker's application.yml names these beans under
 * {@code activity-beans} and the Temporal starter registers them. The API's in-process test worker
 * registers them through {@link PurgeActivities#registerOn} (why: {@link ActivitySet}).
 */
@Configuration(proxyBeanMethods = false)
public class PurgeActivitiesConfiguration {

  @Bean
  PurgeActivities purgeActivities(
      TenantObjectStore objects,
      VersionedObjectStore versions,
      StorageProgress progress,
      TenantIndexStore index,
      IndexProgress indexProgress,
      LogArchiveStore archives,
      PurgeRecordStore purges,
      LegalHoldStore holds,
      DatasetEventStore events,
      KillSwitchEvaluator killSwitches,
      QuotaLedger quotas,
      WardenProperties properties,
      ObjectMapper json,
      Clock clock,
      ObjectProvider<MeterRegistry> registry,
      PlatformTransactionManager transactions) {
    return PurgeActivities.wire(
        new PurgeActivities.Stores(
            objects,
            versions,
            progress,
            index,
            indexProgress,
            archives,
            purges,
            holds,
            events,
            killSwitches,
            quotas,
            new TransactionTemplate(transactions)),
        properties,
        json,
        clock,
        registry.getIfAvailable() == null
            ? PurgeMetrics.none()
            : new PurgeMetrics(registry.getIfAvailable()));
  }

  @Bean
  PurgeRecordActivitiesImpl purgeRecordActivities(PurgeActivities activities) {
    return activities.records();
  }

  @Bean
  StorageActivitiesImpl storageActivities(PurgeActivities activities) {
    return activities.storage();
  }

  @Bean
  IndexActivitiesImpl indexActivities(PurgeActivities activities) {
    return activities.index();
  }

  @Bean
  LogActivitiesImpl logActivities(PurgeActivities activities) {
    return activities.logs();
  }

  @Bean
  InventoryActivitiesImpl inventoryActivities(PurgeActivities activities) {
    return activities.inventory();
  }

  @Bean
  PreflightActivitiesImpl preflightActivities(PurgeActivities activities) {
    return activities.preflight();
  }

  @Bean
  GuardActivitiesImpl guardActivities(PurgeActivities activities) {
    return activities.guard();
  }
}
