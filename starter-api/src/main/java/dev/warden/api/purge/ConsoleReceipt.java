package dev.warden.api.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The erasure certificate's content, read from the stored receipt JSON (the same document the
 * receipt route answers and the download serves): per store what was deleted, the residue the
 * verification counted, and whether the purge ended by its due date.
 */
record ConsoleReceipt(
    List<Store> stores,
    Instant verifiedAt,
    List<String> approvedBy,
    String requestedBy,
    Instant receivedAt,
    Instant dueAt,
    Boolean onTime,
    boolean dryRun,
    JsonNode json) {

  /** One store: what was deleted and what the verification still found (must be 0). */
  record Store(String name, String deleted, long residue) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A preview's counts per store step, as the workflow's inventory sums them. */
  java.util.Map<dev.warden.workflows.contract.PurgeStep, Long> wouldDelete() {
    JsonNode w = json.path("wouldDelete");
    var inventory =
        new dev.warden.workflows.contract.StoreInventory(
            w.path("objects").asLong(),
            w.path("objectBytes").asLong(),
            w.path("objectVersions").asLong(),
            w.path("documents").asLong(),
            w.path("logDocuments").asLong(),
            w.path("logLines").asLong(),
            w.path("logObjects").asLong());
    var counts =
        new java.util.EnumMap<dev.warden.workflows.contract.PurgeStep, Long>(
            dev.warden.workflows.contract.PurgeStep.class);
    for (var step : dev.warden.workflows.contract.PurgeStep.values()) {
      counts.put(step, inventory.residueOf(step));
    }
    return counts;
  }

  static ConsoleReceipt read(String receipt) {
    try {
      JsonNode json = JSON.readTree(receipt);
      JsonNode residue = json.path("residue");
      JsonNode would = json.path("wouldDelete");
      boolean dryRun = json.path("dryRun").asBoolean(false);
      List<Store> stores =
          List.of(
              new Store(
                  "Object storage (S3)",
                  dryRun
                      ? objects(
                          would.path("objects").asLong(),
                          would.path("objectVersions").asLong(),
                          would.path("objectBytes").asLong())
                      : deleted(json, "STORAGE", "objects"),
                  residue.path("objects").asLong() + residue.path("objectVersions").asLong()),
              new Store(
                  "Documents (OpenSearch)",
                  dryRun
                      ? would.path("documents").asLong() + " documents"
                      : deleted(json, "INDEX", "documents"),
                  residue.path("documents").asLong()),
              new Store(
                  "Logs (OpenSearch and archives)",
                  dryRun
                      ? "%d log entries, %d archive lines"
                          .formatted(
                              would.path("logDocuments").asLong(), would.path("logLines").asLong())
                      : deleted(json, "LOGS", "log entries"),
                  residue.path("logDocuments").asLong()
                      + residue.path("logLines").asLong()
                      + residue.path("logObjects").asLong()));
      List<String> approvers = new java.util.ArrayList<>();
      json.path("approvedBy").forEach(a -> approvers.add(a.asText()));
      return new ConsoleReceipt(
          stores,
          json.hasNonNull("completedAtMillis")
              ? Instant.ofEpochMilli(json.get("completedAtMillis").asLong())
              : null,
          approvers,
          json.path("requestedBy").asText(null),
          instant(json, "receivedAt"),
          instant(json, "dueAt"),
          json.hasNonNull("onTime") ? json.get("onTime").asBoolean() : null,
          dryRun,
          json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Versions are named only on a versioned bucket (an unversioned one counts none). */
  private static String objects(long objects, long versions, long bytes) {
    return objects
        + " objects"
        + (versions > 0 ? " (" + versions + " versions)" : "")
        + ", "
        + bytes
        + " bytes";
  }

  private static String deleted(JsonNode json, String step, String unit) {
    for (JsonNode d : json.path("deleted")) {
      if (step.equals(d.path("step").asText())) {
        long bytes = d.path("bytes").asLong();
        return d.path("items").asLong() + " " + unit + (bytes > 0 ? ", " + bytes + " bytes" : "");
      }
    }
    return "0 " + unit;
  }

  private static Instant instant(JsonNode json, String field) {
    return json.hasNonNull(field) ? Instant.parse(json.get(field).asText()) : null;
  }
}
