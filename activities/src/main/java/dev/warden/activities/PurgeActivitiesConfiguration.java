package dev.warden.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.metrics.PurgeMetrics;
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
 * The purge activities as one bean, from the engines' beans and {@code warden.*}; imported by the
 * worker app and by the API's in-process test worker, which register it with {@link
 * PurgeActivities#registerOn}.
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
}
