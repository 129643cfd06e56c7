package dev.warden.engines.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedReadingTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean failing;

  private final CachedReading<Integer> reading =
      new CachedReading<>(
          "test value",
          () -> {
            int n = reads.incrementAndGet();
            if (failing) {
              throw new IllegalStateException("database down");
            }
            return n;
          },
          Duration.ofSeconds(15),
          clock);

  @Test
  void givenReadsWithinMaxAge_whenGot_thenTheStoreIsReadOnce() {
    assertThat(reading.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(14));
    assertThat(reading.get()).isEqualTo(1);
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(reading.get()).as("read again at maxAge").isEqualTo(2);
  }

  @Test
  void givenAFailingRead_whenGot_thenTheLastValueStaysAndTheReadIsRetriedAfterMaxAge() {
    failing = true;
    assertThat(reading.get()).as("never read").isNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(reading.get()).isNull();
    assertThat(reads).as("a failed read is not retried before maxAge").hasValue(1);

    failing = false;
    clock.advance(Duration.ofSeconds(15));
    assertThat(reading.get()).isEqualTo(2);

    failing = true;
    clock.advance(Duration.ofSeconds(15));
    assertThat(reading.get()).as("the last value read is kept").isEqualTo(2);
    assertThat(reads).hasValue(3);
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
