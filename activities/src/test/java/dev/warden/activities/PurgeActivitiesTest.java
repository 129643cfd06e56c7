package dev.warden.activities;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.activities.metrics.PurgeMetrics;
import dev.warden.activities.purge.PurgeRecordActivitiesImpl;
import dev.warden.activities.step.HeartbeatingStep;
import dev.warden.activities.storage.StorageSharding;
import dev.warden.engines.tenant.Env;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wiring refuses settings out of bounds before any store is touched (no stores here). */
class PurgeActivitiesTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 33})
  void givenIndexLanesOutOfBounds_whenWired_thenTheWorkerDoesNotStart(int lanes) {
    PurgeActivities.Stores none =
        new PurgeActivities.Stores(
            null, null, null, null, null, null, null, null, null, null, null, null);

    assertThatThrownBy(
            () ->
                PurgeActivities.wire(
                    none,
                    Env.of("prod"),
                    1000,
                    2,
                    HeartbeatingStep.DEFAULT_OUTAGE_TOLERANCE,
                    lanes,
                    StorageSharding.DEFAULTS,
                    PurgeRecordActivitiesImpl.DEFAULT_REFUSAL_WINDOW,
                    new ObjectMapper(),
                    Clock.systemUTC(),
                    PurgeMetrics.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("WARDEN_PURGE_INDEX_LANES must be between 1 and 32, got " + lanes);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 257})
  void givenStorageShardsOutOfBounds_whenConfigured_thenTheWorkerDoesNotStart(int shards) {
    assertThatThrownBy(() -> new StorageSharding(shards, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("WARDEN_PURGE_STORAGE_SHARDS must be between 1 and 256, got " + shards);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65})
  void givenStorageLanesOutOfBounds_whenConfigured_thenTheWorkerDoesNotStart(int lanes) {
    assertThatThrownBy(() -> new StorageSharding(16, lanes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("WARDEN_PURGE_STORAGE_LANES must be between 1 and 64, got " + lanes);
  }
}
