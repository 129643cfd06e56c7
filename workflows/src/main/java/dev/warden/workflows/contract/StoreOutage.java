package dev.warden.workflows.contract;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Second detail of a {@link Failures#STORE_UNAVAILABLE} or {@link Failures#PARTIAL_DELETION}
 * failure: which store is out and how long the worker's settings ({@code
 * WARDEN_PURGE_OUTAGE_TOLERANCE}) let the purge wait for it before asking an operator.
 *
 * @param store the store as an operator names it ("OpenSearch", "S3")
 */
public record StoreOutage(String store, long toleranceSeconds) {

  private static final Pattern WAITING =
      Pattern.compile("^waiting for (.+?): unavailable since (\\S+?),");

  /**
   * The status detail of a purge waiting out this outage, as the purge record and the Web UI show
   * it; {@link #waitingSince} reads it back (the console's "waiting for … since").
   */
  public String waitingDetail(Instant since, Instant until, String lastError) {
    return "waiting for %s: unavailable since %s, retrying until %s; last error: %s"
        .formatted(store, since, until, lastError);
  }

  /**
   * The store and the start of its outage in a {@link #waitingDetail}; empty for any other text.
   */
  public static Optional<Map.Entry<String, Instant>> waitingSince(String detail) {
    Matcher m = detail == null ? null : WAITING.matcher(detail);
    if (m == null || !m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Map.entry(m.group(1), Instant.parse(m.group(2))));
    } catch (DateTimeParseException unexpected) {
      return Optional.empty();
    }
  }
}
