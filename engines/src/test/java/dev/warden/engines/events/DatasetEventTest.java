package dev.warden.engines.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetEventTest {

  @Test
  void givenTheSameParts_whenIdsAreDerived_thenTheyAreEqual() {
    assertThat(DatasetEvent.deterministicId("p1", "STEP_STARTED", "STORAGE", "1"))
        .isEqualTo(DatasetEvent.deterministicId("p1", "STEP_STARTED", "STORAGE", "1"));
  }

  @Test
  void givenPartsThatOnlyJoinAlike_whenIdsAreDerived_thenTheyDiffer() {
    assertThat(DatasetEvent.deterministicId("p1", "AB"))
        .isNotEqualTo(DatasetEvent.deterministicId("p1A", "B"))
        .isNotEqualTo(DatasetEvent.deterministicId("p1", "STEP_STARTED", "STORAGE", "2"));
  }
}
