package dev.warden.engines.documents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One document of a tenant as it was indexed: its text (searched) and free-form attributes (kept,
 * never indexed, so one tenant's attribute types cannot break another's mapping).
 */
public record TenantDocument(DocumentId id, String text, Map<String, Object> attributes) {

  public TenantDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    attributes =
        attributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes)); // JSON allows nulls
  }
}
