package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceivedAtTest {

  static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

  @Test
  void givenNothing_whenParsed_thenItIsNow() {
    assertThat(ReceivedAt.parse(null, NOW)).isEqualTo(NOW);
    assertThat(ReceivedAt.parse(" ", NOW)).isEqualTo(NOW);
  }

  @Test
  void givenAnInstantAnOffsetOrADate_whenParsed_thenTheInstantIsExact() {
    assertThat(ReceivedAt.parse("2026-05-04T09:30:00Z", NOW))
        .isEqualTo(Instant.parse("2026-05-04T09:30:00Z"));
    assertThat(ReceivedAt.parse("2026-05-04T11:30:00+02:00", NOW))
        .isEqualTo(Instant.parse("2026-05-04T09:30:00Z"));
    assertThat(ReceivedAt.parse("2026-05-04", NOW))
        .isEqualTo(Instant.parse("2026-05-04T00:00:00Z"));
  }

  @Test
  void givenTheBounds_whenParsed_thenJustInsideIsAcceptedAndJustOutsideRefused() {
    assertThat(ReceivedAt.parse(NOW.plus(Duration.ofMinutes(5)).toString(), NOW))
        .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThatThrownBy(() -> ReceivedAt.parse(NOW.plus(Duration.ofMinutes(6)).toString(), NOW))
        .hasMessageContaining("future");
    assertThat(ReceivedAt.parse(NOW.minus(Duration.ofDays(366)).toString(), NOW))
        .isEqualTo(NOW.minus(Duration.ofDays(366)));
    assertThatThrownBy(() -> ReceivedAt.parse(NOW.minus(Duration.ofDays(367)).toString(), NOW))
        .hasMessageContaining("within the last 366 days");
    assertThatThrownBy(() -> ReceivedAt.parse("04/05/2026", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void givenExtensions_whenParsed_thenOnlyPositiveDurationsUpToSixtyTwoDaysPass() {
    assertThat(PurgeOperations.extension("P30D")).isEqualTo(Duration.ofDays(30));
    assertThat(PurgeOperations.extension("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(PurgeOperations.extension("P62D")).isEqualTo(Duration.ofDays(62));
    for (String bad : new String[] {"P63D", "PT0S", "-P1D", "P1M", "30"}) {
      assertThatThrownBy(() -> PurgeOperations.extension(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("extendBy");
    }
  }
}
