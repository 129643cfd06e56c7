package dev.warden.engines.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderBuildStage;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderCapacityStage;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which bucket shapes the Redis script computes, and the probe it gives. */
class GreedyLimitTest {

  @Test
  void givenEveryPolicyWardenBuilds_whenConverted_thenCapacityPerPeriodInMilliseconds() {
    for (String policy : new String[] {"1/1s", "600/1m", "100000/1d", "10000000/7d"}) {
      RateLimitPolicy p = RateLimitPolicy.parse(policy);

      GreedyLimit limit = GreedyLimit.of(Buckets.configuration(p));

      assertThat(limit)
          .isEqualTo(new GreedyLimit(p.capacity(), p.capacity(), p.period().toMillis()));
    }
  }

  @Test
  void givenAShapeTheScriptWouldComputeDifferently_whenConverted_thenRefusedLoudly() {
    assertRefused(
        config(b -> b.capacity(10).refillIntervally(10, Duration.ofSeconds(1))), "greedy");
    assertRefused(
        config(
            b ->
                b.capacity(10)
                    .refillIntervallyAligned(
                        10, Duration.ofSeconds(1), Instant.now().plus(Duration.ofHours(1)))),
        "greedy");
    assertRefused(
        config(b -> b.capacity(10).refillGreedy(10, Duration.ofSeconds(1)).initialTokens(3)),
        "starts full");
    assertRefused(
        config(b -> b.capacity(10).refillGreedy(10, Duration.ofNanos(1_500_000))),
        "whole milliseconds");
    assertRefused(config(b -> b.capacity(1L << 40).refillGreedy(1, Duration.ofDays(7))), "2^53");
    assertRefused(
        BucketConfiguration.builder()
            .addLimit(b -> b.capacity(10).refillGreedy(10, Duration.ofSeconds(1)))
            .addLimit(b -> b.capacity(100).refillGreedy(100, Duration.ofMinutes(1)))
            .build(),
        "one bandwidth");
  }

  @Test
  void givenAnEmptyBucketWithAPartToken_whenProbed_thenBucket4jsWaitsFloored() {
    GreedyLimit limit = new GreedyLimit(5, 5, 3_600_000); // a token per 720 s

    // 0 tokens and 0.25 of a token (900,000 of 3,600,000 ms-tokens): 540 s to the next one
    var refused = limit.probe(false, 0, 900_000);
    var taken = limit.probe(true, 3, 0);

    assertThat(refused.isConsumed()).isFalse();
    assertThat(refused.getRemainingTokens()).isZero();
    assertThat(refused.getNanosToWaitForRefill()).isEqualTo(Duration.ofSeconds(540).toNanos());
    assertThat(refused.getNanosToWaitForReset())
        .isEqualTo(Duration.ofSeconds(3_600 - 180).toNanos());
    assertThat(taken.isConsumed()).isTrue();
    assertThat(taken.getRemainingTokens()).isEqualTo(3);
    assertThat(taken.getNanosToWaitForRefill()).isZero();
    assertThat(taken.getNanosToWaitForReset()).isEqualTo(Duration.ofSeconds(1_440).toNanos());
  }

  private static BucketConfiguration config(
      Function<BandwidthBuilderCapacityStage, BandwidthBuilderBuildStage> shape) {
    Bandwidth b = shape.apply(Bandwidth.builder()).build();
    return BucketConfiguration.builder().addLimit(b).build();
  }

  private static void assertRefused(BucketConfiguration configuration, String because) {
    assertThatThrownBy(() -> GreedyLimit.of(configuration))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redis rate-limit buckets support")
        .hasMessageContaining(because);
  }
}
