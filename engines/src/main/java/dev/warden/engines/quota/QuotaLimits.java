package dev.warden.engines.quota;

import java.util.Map;

/**
 * Limits an operator sets for one tenant; null (or a route class left out of {@code rateLimits})
 * means the deployment default. Rate limits are {@code "capacity/period"}, e.g. {@code "100/1m"}.
 */
public record QuotaLimits(Long storageBytes, Long indexOpsPerDay, Map<String, String> rateLimits) {

  public QuotaLimits {
    if (storageBytes != null && storageBytes < 0) {
      throw new IllegalArgumentException("storageBytes must be >= 0 or null, was " + storageBytes);
    }
    if (indexOpsPerDay != null && indexOpsPerDay < 0) {
      throw new IllegalArgumentException(
          "indexOpsPerDay must be >= 0 or null, was " + indexOpsPerDay);
    }
    rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
  }
}
