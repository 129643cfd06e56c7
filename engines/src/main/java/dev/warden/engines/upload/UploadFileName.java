package dev.warden.engines.upload;

/**
 * The last segment of an upload's key, made safe from whatever name the client's file had: only
 * {@code [A-Za-z0-9._-]} is kept, so no {@code /}, whitespace, {@code %} or non-ASCII reaches S3. A
 * name left empty or holding {@code ..} is refused rather than guessed at.
 */
public record UploadFileName(String value) {

  public static final int MAX_LENGTH = 200;

  public UploadFileName {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "fileName must keep 1 to %d of [A-Za-z0-9._-] after sanitising".formatted(MAX_LENGTH));
    }
    if (!value.chars().allMatch(UploadFileName::allowed)) {
      throw new IllegalArgumentException("fileName may only hold [A-Za-z0-9._-]: " + value);
    }
    if (value.contains("..") || value.equals(".")) {
      throw new IllegalArgumentException("fileName must not be '.' or contain '..': " + value);
    }
  }

  /** Drops every character outside {@code [A-Za-z0-9._-]}, then applies the rules above. */
  public static UploadFileName sanitise(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("fileName is required");
    }
    StringBuilder kept = new StringBuilder();
    raw.chars().filter(UploadFileName::allowed).forEach(c -> kept.append((char) c));
    return new UploadFileName(kept.toString());
  }

  private static boolean allowed(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  @Override
  public String toString() {
    return value;
  }
}
