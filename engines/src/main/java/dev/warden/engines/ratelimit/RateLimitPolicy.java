package dev.warden.engines.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: {@code capacity} requests, refilled greedily at {@code capacity} per {@code
 * period}. Written {@code capacity/period} with a period of whole seconds, minutes, hours or days
 * ({@code 600/1m}, {@code 10/1s}, {@code 5000/1h}, {@code 100000/1d}); {@link #toString()} gives
 * back that form, which is also part of the bucket's key.
 */
public record RateLimitPolicy(long capacity, Duration period) {

  public static final long MAX_CAPACITY = 10_000_000;
  public static final Duration MAX_PERIOD = Duration.ofDays(7);
  public static final String FORMAT =
      "capacity/period, e.g. 600/1m: capacity 1.."
          + MAX_CAPACITY
          + ", period a whole number of s, m, h or d from 1s to 7d";

  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})/(\\d{1,9})([smhd])");

  public RateLimitPolicy {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "rate limit capacity must be between 1 and %d, was %d".formatted(MAX_CAPACITY, capacity));
    }
    if (period == null
        || period.compareTo(Duration.ofSeconds(1)) < 0
        || period.compareTo(MAX_PERIOD) > 0
        || period.getNano() != 0) {
      throw new IllegalArgumentException(
          "rate limit period must be whole seconds from 1s to 7d, was " + period);
    }
  }

  /**
   * Parses {@code capacity/period} strictly: no spaces, signs, decimals, zero or unknown units.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static RateLimitPolicy parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("rate limit is required (" + FORMAT + ")");
    }
    Matcher m = SYNTAX.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "rate limit '%s' is malformed: expected %s".formatted(abbreviate(value), FORMAT));
    }
    long capacity = Long.parseLong(m.group(1));
    long amount = Long.parseLong(m.group(2));
    if (amount == 0) {
      throw new IllegalArgumentException(
          "rate limit '%s' has an empty period: expected %s".formatted(value, FORMAT));
    }
    Duration period =
        switch (m.group(3)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    try {
      return new RateLimitPolicy(capacity, period);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rate limit '" + value + "': " + e.getMessage(), e);
    }
  }

  /** The window in whole seconds, as {@code w} of the RateLimit-Policy header. */
  public long windowSeconds() {
    return period.toSeconds();
  }

  @Override
  public String toString() {
    long s = period.toSeconds();
    if (s % 86_400 == 0) {
      return capacity + "/" + s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return capacity + "/" + s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return capacity + "/" + s / 60 + "m";
    }
    return capacity + "/" + s + "s";
  }

  private static String abbreviate(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
