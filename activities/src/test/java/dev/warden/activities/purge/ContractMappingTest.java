package dev.warden.activities.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.purge.PurgeState;
import dev.warden.workflows.contract.PurgeEventType;
import dev.warden.workflows.contract.PurgeStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The contract's purge enums and the stored ones stay in step, both ways, name for name. */
class ContractMappingTest {

  @Test
  void givenEveryContractStatus_whenMapped_thenEachStoredStateIsReachedOnceUnderItsName() {
    Set<PurgeState> reached = EnumSet.noneOf(PurgeState.class);
    for (PurgeStatus status : PurgeStatus.values()) {
      PurgeState state = ContractMapping.state(status);
      assertThat(state.name()).isEqualTo(status.name());
      reached.add(state);
    }
    assertThat(reached).containsExactlyInAnyOrder(PurgeState.values());
  }

  @Test
  void givenEveryContractEventType_whenMapped_thenItIsTheStoredTypeOfTheSameName() {
    Set<DatasetEventType> mapped =
        Arrays.stream(PurgeEventType.values())
            .map(ContractMapping::eventType)
            .collect(Collectors.toSet());
    for (PurgeEventType type : PurgeEventType.values()) {
      assertThat(ContractMapping.eventType(type).name()).isEqualTo(type.name());
    }
    assertThat(mapped).hasSize(PurgeEventType.values().length);
  }
}
