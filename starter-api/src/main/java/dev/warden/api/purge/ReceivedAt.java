package dev.warden.api.purge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * When the data subject's request arrived, as compliance gives it: bounded, so a typo cannot set a
 * due date in the future or decades in the past.
 */
final class ReceivedAt {

  /** Clocks of the caller and the API differ a little; more than this is a wrong date. */
  static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /** A request older than a year is no longer a deadline to track but an incident to report. */
  static final Duration MAX_AGE = Duration.ofDays(366);

  private ReceivedAt() {}

  /** The instant given (an ISO-8601 instant or offset date-time, or a date at 00:00 UTC). */
  static Instant parse(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return now;
    }
    Instant at = read(text.strip());
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      throw new IllegalArgumentException(
          "receivedAt must not be in the future, was " + text + " (now " + now + ")");
    }
    if (at.isBefore(now.minus(MAX_AGE))) {
      throw new IllegalArgumentException(
          "receivedAt must be within the last " + MAX_AGE.toDays() + " days, was " + text);
    }
    return at;
  }

  private static Instant read(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new IllegalArgumentException(
            "receivedAt must be an ISO-8601 instant such as 2026-05-04T09:30:00Z or a date such as"
                + " 2026-05-04, was '"
                + text
                + "'");
      }
    }
  }
}
