package dev.warden.engines.documents;

import dev.warden.engines.tenant.InvalidIdentifierException;
import java.util.regex.Pattern;

/** A tenant's own id for one of its documents; unique within the tenant, not across tenants. */
public record DocumentId(String value) {

  public static final String RULE = "[A-Za-z0-9._-]{1,128}";
  private static final Pattern PATTERN = Pattern.compile(RULE);

  public DocumentId {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new InvalidIdentifierException("docId", value, RULE);
    }
  }

  public static DocumentId of(String value) {
    return new DocumentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
