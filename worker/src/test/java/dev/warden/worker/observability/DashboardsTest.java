package dev.warden.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provisioned dashboards load as Grafana expects: distinct uids, every query panel on the
 * provisioned datasource ({@code uid: prometheus}) with a non-empty query. Which metrics the
 * queries name is NoDeadPanelsIT's business.
 */
class DashboardsTest {

  static final Path ROOT = Path.of(System.getProperty("warden.repo.root", ".."));

  @Test
  void givenTheDashboards_whenRead_thenEachQueryPanelUsesTheProvisionedDatasource()
      throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(ROOT.resolve("docker/grafana/dashboards"))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    String datasources =
        Files.readString(ROOT.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
    assertThat(datasources).contains("uid: prometheus");
    Set<String> uids = new HashSet<>();
    int queries = 0;

    for (Path file : files) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid").isTrue();
      assertThat(dashboard.path("title").asText()).as(file + " title").startsWith("Warden / ");
      for (JsonNode panel : dashboard.path("panels")) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        String where = file.getFileName() + ": " + panel.path("title").asText();
        assertThat(panel.at("/datasource/uid").asText()).as(where).isEqualTo("prometheus");
        assertThat(panel.path("targets")).as(where).isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("expr").asText()).as(where).isNotBlank();
          queries++;
        }
      }
    }
    assertThat(uids)
        .containsExactlyInAnyOrder("warden-purges", "warden-gates", "warden-reconciliation");
    assertThat(queries).isGreaterThan(20);
  }
}
