package dev.warden.engines.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "600/1m, 600, 60",
    "10/1s, 10, 1",
    "5000/1h, 5000, 3600",
    "100000/1d, 100000, 86400",
    "7/90s, 7, 90",
    "1/7d, 1, 604800"
  })
  void givenAWellFormedRate_whenParsed_thenCapacityAndWindowAreKeptAndPrintedBack(
      String value, long capacity, long seconds) {
    RateLimitPolicy policy = RateLimitPolicy.parse(value);

    assertThat(policy.capacity()).isEqualTo(capacity);
    assertThat(policy.windowSeconds()).isEqualTo(seconds);
    assertThat(RateLimitPolicy.parse(policy.toString())).isEqualTo(policy);
  }

  @Test
  void givenEquivalentPeriods_whenPrinted_thenTheLargestWholeUnitIsUsed() {
    assertThat(RateLimitPolicy.parse("10/60s")).hasToString("10/1m");
    assertThat(RateLimitPolicy.parse("10/24h")).hasToString("10/1d");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10/0s",
        "-1/1m",
        "abc",
        "5/1y",
        "0/1m",
        "10/-1m",
        "10/1",
        "/1m",
        "10/m",
        "1.5/1m",
        " 10/1m",
        "10/1m ",
        "10 / 1m",
        "10/1M",
        "10/1ms",
        "99999999999/1m",
        "10/8d",
        "10/1m/1s",
        "+10/1m",
        ""
      })
  void givenAMalformedOrAbsurdRate_whenParsed_thenItIsRefusedWithTheExpectedForm(String value) {
    assertThatThrownBy(() -> RateLimitPolicy.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate limit");
  }

  @Test
  void givenSpecificMistakes_whenParsed_thenTheMessageSaysWhatIsWrong() {
    assertThatThrownBy(() -> RateLimitPolicy.parse("10/0s")).hasMessageContaining("empty period");
    assertThatThrownBy(() -> RateLimitPolicy.parse("0/1m"))
        .hasMessageContaining("capacity must be between 1 and 10000000, was 0");
    assertThatThrownBy(() -> RateLimitPolicy.parse("5/1y"))
        .hasMessageContaining("malformed")
        .hasMessageContaining("600/1m");
    assertThatThrownBy(() -> RateLimitPolicy.parse(null)).hasMessageContaining("required");
    assertThatThrownBy(() -> new RateLimitPolicy(10, Duration.ofMillis(1500)))
        .hasMessageContaining("whole seconds");
  }

  @Test
  void givenDefaults_whenBound_thenEveryClassHasAPolicyAndABadDefaultStopsStartup() {
    RateLimitProperties properties = properties("600/1m");

    assertThat(properties.defaults())
        .containsOnlyKeys(RouteClass.values())
        .containsEntry(RouteClass.SEARCH, RateLimitPolicy.parse("600/1m"));
    assertThatThrownBy(() -> properties("10/0s"))
        .hasMessageContaining("warden.rate-limit.search")
        .hasMessageContaining("10/0s");
  }

  static RateLimitProperties properties(String search) {
    return new RateLimitProperties(
        true,
        "600/1m",
        "1200/1m",
        search,
        "60/1m",
        "10/1m",
        "",
        "warden:rate:",
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }
}
