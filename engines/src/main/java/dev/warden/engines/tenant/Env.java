package dev.warden.engines.tenant;

import java.util.regex.Pattern;

/**
 * A validated environment name such as {@code prod} or {@code staging}. No hyphens: env names sit
 * inside index patterns such as {@code logs-prod-*}, which would otherwise also match {@code
 * logs-prod-eu-*}, another environment's logs.
 */
public record Env(String value) {

  public static final String RULE = "[a-z][a-z0-9]{0,31}";
  private static final Pattern PATTERN = Pattern.compile(RULE);

  public Env {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new InvalidIdentifierException("env", value, RULE);
    }
  }

  public static Env of(String value) {
    return new Env(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
