package dev.warden.api.json;

import java.util.Optional;

/**
 * What the API accepts as text anywhere (body members, query parameters, path segments): valid
 * Unicode without control characters. PostgreSQL refuses NUL in text, a log line or a ticket number
 * with a line break or an escape sequence misleads its reader, and a lone surrogate cannot be
 * stored as UTF-8 — so such text is refused at the edge, naming where it was, before anything
 * reaches a store, a workflow or a log.
 */
public final class Text {
  private Text() {}

  /**
   * Why {@code value} is not acceptable text, or empty when it is.
   *
   * @param multiLine whether tab, line feed and carriage return are allowed (see {@link MultiLine})
   */
  public static Optional<String> problem(String value, boolean multiLine) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("has an unpaired surrogate (U+%04X) at index %d".formatted((int) c, i));
      } else if (isControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
        return Optional.of(
            "has a control character (U+%04X) at index %d%s"
                .formatted(
                    (int) c, i, multiLine ? "" : " (one line: no tab or line break either)"));
      }
    }
    return Optional.empty();
  }

  // C0 controls, DEL and the C1 controls.
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }
}
