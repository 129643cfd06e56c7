package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.workflows.contract.PurgeStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeLeftTest {

  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final Map<PurgeStep, Long> PREVIEW =
      Map.of(PurgeStep.STORAGE, 1_000L, PurgeStep.INDEX, 600L, PurgeStep.LOGS, 0L);

  @Test
  void givenAPreviewAndARate_whenEstimated_thenTheRestIsDividedByTheRate() {
    // 500 of 1,000 objects in 50 s: 10 a second; 500 objects and 600 documents left: 110 s.
    TimeLeft left =
        TimeLeft.of(
            PREVIEW,
            Map.of(PurgeStep.STORAGE, 500L),
            Map.of(PurgeStep.STORAGE, "RUNNING"),
            NOW.minusSeconds(50),
            NOW);
    assertThat(left.left()).isEqualTo(Duration.ofSeconds(110));
    assertThat(left.text()).isEqualTo("about 2 min");
  }

  @Test
  void givenNoPreview_whenEstimated_thenItSaysEstimatingAndWhy() {
    TimeLeft left = TimeLeft.of(null, Map.of(), Map.of(), NOW.minusSeconds(60), NOW);
    assertThat(left.left()).isNull();
    assertThat(left.text()).isEqualTo("estimating…");
    assertThat(left.why()).contains("no preview");
  }

  @Test
  void givenNothingRemovedYetOrJustStarted_whenEstimated_thenNoEstimate() {
    assertThat(TimeLeft.of(PREVIEW, Map.of(), Map.of(), NOW.minusSeconds(60), NOW).left()).isNull();
    assertThat(
            TimeLeft.of(
                    PREVIEW,
                    Map.of(PurgeStep.STORAGE, 10L),
                    Map.of(PurgeStep.STORAGE, "RUNNING"),
                    NOW.minusSeconds(2),
                    NOW)
                .left())
        .isNull();
  }

  @Test
  void givenDoneStepsRemovedMoreThanPreviewed_whenEstimated_thenTheyCountNothingLeft() {
    TimeLeft left =
        TimeLeft.of(
            PREVIEW,
            Map.of(PurgeStep.STORAGE, 1_200L, PurgeStep.INDEX, 600L),
            Map.of(PurgeStep.STORAGE, "DONE", PurgeStep.INDEX, "DONE", PurgeStep.LOGS, "RUNNING"),
            NOW.minusSeconds(60),
            NOW);
    assertThat(left.left()).isZero();
    assertThat(left.text()).isEqualTo("almost done");
  }

  @Test
  void givenAnOutageDetail_whenRead_thenTheStoreAndSinceAreShown() {
    var waiting =
        ConsoleProgress.Waiting.of(
            "waiting for OpenSearch: unavailable since 2026-05-01T11:58:00Z, retrying until"
                + " 2026-05-01T12:58:00Z; last error: connection refused");
    assertThat(waiting.store()).isEqualTo("OpenSearch");
    assertThat(waiting.since()).isEqualTo(Instant.parse("2026-05-01T11:58:00Z"));
    assertThat(ConsoleProgress.Waiting.of("S3 unreachable: boom")).isNull();
    assertThat(ConsoleProgress.Waiting.of(null)).isNull();
  }
}
