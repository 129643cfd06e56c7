package dev.warden.engines.tenant;

import java.util.regex.Pattern;

/**
 * A validated tenant id: the S3 and OpenSearch adapters take tenants only as this type, and the API
 * and the purge steps validate every id they receive into it. The rule keeps ids safe as S3 key
 * segments, OpenSearch routing values and workflow-id parts: 2 to 63 characters of lowercase ASCII
 * letters, digits and hyphens, starting with a letter or digit. So no {@code /}, {@code ..}, {@code
 * *}, {@code %}, whitespace, uppercase or non-ASCII can ever reach a store.
 */
public record TenantId(String value) {

  public static final String RULE = "[a-z0-9][a-z0-9-]{1,62}";
  private static final Pattern PATTERN = Pattern.compile(RULE);

  public TenantId {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new InvalidIdentifierException("tenantId", value, RULE);
    }
  }

  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
