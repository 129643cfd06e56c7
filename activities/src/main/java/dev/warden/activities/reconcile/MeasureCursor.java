package dev.warden.activities.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.reconcile.SweepCursor;

/**
 * The workflow carries the listing cursor as an opaque string. {@code tenant} is the tenant being
 * listed in per-tenant mode (null in a sweep, which lists {@code tenants/} as a whole), null {@code
 * listing} there means: take the next PENDING tenant.
 */
record MeasureCursor(String mode, String tenant, SweepCursor listing, long listedBefore) {

  /** Objects listed so far, over every tenant done in per-tenant mode. */
  long listed() {
    return listedBefore + (listing == null ? 0 : listing.listed());
  }

  static final String SWEEP = "sweep";
  static final String PER_TENANT = "per-tenant";

  String encode(ObjectMapper json) {
    try {
      return json.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cursor not serialisable", e);
    }
  }

  static MeasureCursor decode(ObjectMapper json, String value) {
    try {
      return json.readValue(value, MeasureCursor.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a reconciliation cursor: " + value, e);
    }
  }
}
