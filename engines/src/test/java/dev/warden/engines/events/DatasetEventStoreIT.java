package dev.warden.engines.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.DbFixture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class DatasetEventStoreIT {

  private DbFixture db;
  private DatasetEventStore store;
  private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    db = new DbFixture(DevStackExtension.endpoints());
    store = new DatasetEventStore(db.jdbc(), new ObjectMapper());
  }

  private DatasetEvent event(UUID id, DatasetEventType type) {
    return new DatasetEvent(
        id,
        type,
        tenant,
        "prod",
        "user:dpo",
        "trace-1",
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        Map.of("purgeId", "p-1"));
  }

  @Test
  void givenAnEvent_whenAppendedTwiceWithTheSameId_thenItIsStoredOnce() {
    UUID id = DatasetEvent.deterministicId("p-1", "STEP_STARTED", "STORAGE", "1");
    DatasetEvent first =
        event(UUID.nameUUIDFromBytes((tenant + id).getBytes()), DatasetEventType.STEP_STARTED);

    assertThat(store.append(first)).isTrue();
    assertThat(store.append(first)).isFalse();

    assertThat(store.findByTenant(tenant, null, 100)).containsExactly(first);
  }

  @Test
  void givenStoredEvents_whenListed_thenTheyComeOldestFirstAndFilteredByEnv() {
    DatasetEvent a = event(UUID.randomUUID(), DatasetEventType.PURGE_REQUESTED);
    DatasetEvent b = event(UUID.randomUUID(), DatasetEventType.PURGE_COMPLETED);
    store.append(a);
    store.append(b);

    assertThat(store.findByTenant(tenant, "prod", 100)).containsExactly(a, b);
    assertThat(store.findByTenant(tenant, "staging", 100)).isEmpty();
  }

  @Test
  void givenAStoredEvent_whenSomeoneUpdatesOrDeletesIt_thenTheDatabaseRefuses() {
    UUID id = UUID.randomUUID();
    store.append(event(id, DatasetEventType.PURGE_REQUESTED));

    assertThatThrownBy(
            () ->
                db.jdbc()
                    .sql("update dataset_events set actor = 'x' where event_id = ?")
                    .param(id)
                    .update())
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> db.jdbc().sql("delete from dataset_events where event_id = ?").param(id).update())
        .hasMessageContaining("append-only");
  }
}
