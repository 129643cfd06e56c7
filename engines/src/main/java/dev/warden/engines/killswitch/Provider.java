package dev.warden.engines.killswitch;

import dev.warden.engines.tenant.InvalidIdentifierException;
import java.util.regex.Pattern;

/**
 * An external system a request depends on, as a kill switch names it: {@code s3}, {@code
 * opensearch} or an LLM provider {@code llm:{name}}. Validated like tenant ids, so a typo such as
 * {@code S3} or {@code llm:} is refused instead of creating a switch that never matches.
 */
public record Provider(String value) {

  public static final String RULE = "s3|opensearch|llm:[a-z0-9-]{1,32}";
  private static final Pattern PATTERN = Pattern.compile(RULE);

  public static final Provider S3 = new Provider("s3");
  public static final Provider OPENSEARCH = new Provider("opensearch");

  public Provider {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new InvalidIdentifierException("provider", value, RULE);
    }
  }

  public static Provider of(String value) {
    return new Provider(value);
  }

  public static Provider llm(String name) {
    return new Provider("llm:" + name);
  }

  @Override
  public String toString() {
    return value;
  }
}
