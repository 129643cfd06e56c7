package dev.warden.engines.tenant;

/** An identifier broke its rule; the message names the field and the rule, never silently fixed. */
public class InvalidIdentifierException extends IllegalArgumentException {

  private final String field;
  private final String rule;

  public InvalidIdentifierException(String field, String value, String rule) {
    super(
        "%s %s is invalid: it must match %s"
            .formatted(field, value == null ? "(missing)" : quote(value), rule));
    this.field = field;
    this.rule = rule;
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }

  // Show control characters and non-ASCII as escapes so the error itself is unambiguous.
  private static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    value
        .codePoints()
        .limit(80)
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
              } else {
                out.append(String.format("\\u%04x", c));
              }
            });
    return out.append(value.length() > 80 ? "...'" : "'").toString();
  }
}
