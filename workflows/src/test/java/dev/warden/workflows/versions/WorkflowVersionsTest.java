package dev.warden.workflows.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** WorkflowVersions is the one place: every id listed once, every call and history uses it. */
class WorkflowVersionsTest {

  private static final Pattern MARKER_CHANGE_ID =
      Pattern.compile(
          "\"changeId\":\\s*\\{\\s*\"payloads\":\\s*\\[\\s*\\{\\s*\"metadata\":\\s*\\{[^}]*\\},"
              + "\\s*\"data\":\\s*\"([^\"]+)\"");
  private static final Pattern GET_VERSION = Pattern.compile("getVersion\\(\\s*([\\w.]+)");

  @Test
  void givenTheListedIds_whenRead_thenEachIsUnique() throws IllegalAccessException {
    List<String> ids = listed();
    assertThat(ids).hasSize(12).doesNotHaveDuplicates();
  }

  @Test
  void givenTheRecordedHistories_whenTheirVersionMarkersAreRead_thenEveryChangeIdIsListed()
      throws Exception {
    Set<String> recorded = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/histories"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        Matcher m = MARKER_CHANGE_ID.matcher(Files.readString(file));
        while (m.find()) {
          String data = m.group(1).replace("\\u003d", "=");
          String json = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
          recorded.add(json.substring(1, json.length() - 1)); // a JSON string: "id"
        }
      }
    }
    assertThat(recorded).isNotEmpty();
    assertThat(listed()).containsAll(recorded);
  }

  @Test
  void givenTheWorkflowCode_whenItCallsGetVersion_thenTheIdComesFromWorkflowVersions()
      throws IOException {
    List<String> arguments = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = GET_VERSION.matcher(Files.readString(file));
        while (m.find()) {
          arguments.add(file.getFileName() + ": " + m.group(1));
        }
      }
    }
    assertThat(arguments)
        .hasSize(12)
        .allMatch(a -> a.contains(": Purge.") || a.contains(": Reconcile."), "a listed id");
  }

  private static List<String> listed() throws IllegalAccessException {
    List<String> ids = new ArrayList<>();
    for (Class<?> holder : WorkflowVersions.class.getDeclaredClasses()) {
      for (Field field : holder.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          ids.add((String) field.get(null));
        }
      }
    }
    return ids;
  }
}
