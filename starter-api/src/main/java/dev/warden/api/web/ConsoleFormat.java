package dev.warden.api.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times and sizes as the console shows them: UTC, to the minute; bytes in binary units. */
@Component("fmt")
public class ConsoleFormat {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  public String day(Instant at) {
    return at == null ? "" : DAY.format(at);
  }

  public String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return "%.1f %s".formatted(value, units[unit]);
  }
}
