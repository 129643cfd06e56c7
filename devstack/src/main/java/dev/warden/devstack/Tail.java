package dev.warden.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a server's log, for exception messages that explain a failed start. */
final class Tail {
  private Tail() {}

  static String of(Path file, int lines) {
    try {
      // Decoding via String replaces malformed bytes instead of failing like readAllLines.
      List<String> all =
          new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
