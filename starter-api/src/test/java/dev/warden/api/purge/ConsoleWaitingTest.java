package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.workflows.contract.StoreOutage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The console's "waiting for … since" reads exactly the detail the purge workflow writes. */
class ConsoleWaitingTest {

  @Test
  void givenTheWorkflowsWaitingDetail_whenTheConsoleReadsIt_thenItNamesTheStoreAndTheStart() {
    Instant since = Instant.parse("2026-12-07T03:00:00.123Z");
    String detail =
        new StoreOutage("OpenSearch", 900)
            .waitingDetail(since, since.plusSeconds(900), "Connection refused, twice: x, y");

    ConsoleProgress.Waiting waiting = ConsoleProgress.Waiting.of(detail);

    assertThat(waiting).isEqualTo(new ConsoleProgress.Waiting("OpenSearch", since));
  }

  @Test
  void givenAnyOtherDetail_whenTheConsoleReadsIt_thenNothingIsShownAsWaiting() {
    assertThat(ConsoleProgress.Waiting.of(null)).isNull();
    assertThat(ConsoleProgress.Waiting.of("storage: 12 pages")).isNull();
    assertThat(ConsoleProgress.Waiting.of("waiting for S3: unavailable since yesterday, …"))
        .isNull();
  }
}
