package dev.warden.activities.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.purge.LegalHoldStore;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.testing.DbFixture;
import dev.warden.workflows.contract.GuardActivities;
import java.time.Clock;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The purge record activities on a test's database: no quota ledger, no metrics. */
final class RecordActivitiesOnDb {

  private RecordActivitiesOnDb() {}

  /** {@code guard}: the kill-switch and legal-hold check of transitions (null: none called). */
  static PurgeRecordActivitiesImpl of(
      DbFixture db, DatasetEventStore events, GuardActivities guard) {
    return of(db, events, guard, Clock.systemUTC());
  }

  /** As above, on {@code clock} (refused signals' windows follow it). */
  static PurgeRecordActivitiesImpl of(
      DbFixture db, DatasetEventStore events, GuardActivities guard, Clock clock) {
    return new PurgeRecordActivitiesImpl(
        new PurgeRecordStore(db.jdbc()),
        new LegalHoldStore(db.jdbc()),
        events,
        null,
        new ObjectMapper(),
        clock,
        PurgeMetrics.none(),
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
        guard,
        PurgeRecordActivitiesImpl.DEFAULT_REFUSAL_WINDOW);
  }
}
