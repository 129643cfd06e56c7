package dev.warden.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What promtool does not check: every alert has a severity, a summary and a runbook link to a
 * heading that exists in docs/, and at least one unit test in alerts.test.yml (promtool runs those
 * tests, see ./warden test).
 */
class AlertRulesTest {

  static final Path ROOT = Path.of(System.getProperty("warden.repo.root", ".."));

  @Test
  @SuppressWarnings("unchecked")
  void givenTheAlertRules_whenRead_thenEachHasSeverityASummaryARunbookAnchorAndATest()
      throws IOException {
    Map<String, Object> rules = yaml("docker/prometheus/alerts.yml");
    Set<String> tested = testedAlerts();
    Set<String> alerts = new HashSet<>();

    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String alert = (String) rule.get("alert");
        alerts.add(alert);
        Map<String, String> labels = (Map<String, String>) rule.get("labels");
        Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
        assertThat(labels.get("severity")).as(alert).isIn("critical", "warning");
        assertThat(annotations.get("summary")).as(alert).isNotBlank();
        String runbook = annotations.get("runbook_url");
        assertThat(runbook).as(alert).matches("docs/[\\w.-]+\\.md#[\\w-]+");
        String[] parts = runbook.split("#");
        assertThat(anchors(ROOT.resolve(parts[0]))).as(alert + " " + runbook).contains(parts[1]);
      }
    }
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
    assertThat(tested).as("alerts with a promtool test").containsAll(alerts);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> testedAlerts() throws IOException {
    Set<String> tested = new HashSet<>();
    for (Map<String, Object> test :
        (List<Map<String, Object>>) yaml("docker/prometheus/alerts.test.yml").get("tests")) {
      for (Map<String, Object> check :
          (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
        if (!((List<?>) check.get("exp_alerts")).isEmpty()) { // a test that it fires
          tested.add((String) check.get("alertname"));
        }
      }
    }
    return tested;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(markdown)) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(ROOT.resolve(file)));
  }
}
