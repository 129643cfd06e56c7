package dev.warden.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void givenAnAlertExpression_whenParsed_thenOnlyItsMetricNamesRemain() {
    String expr =
        """
        sum by (action) (rate(warden_route_seconds_count{outcome="server_error"}[5m]))
          / sum by (action) (rate(warden_route_seconds_count[5m])) > 0.05
        or time() - max by (env) (warden_reconcile_last_success_seconds) > 26 * 3600
        """;

    assertThat(PromQlNames.in(expr))
        .containsExactly("warden_reconcile_last_success_seconds", "warden_route_seconds_count");
  }

  @Test
  void givenAGrafanaQuery_whenParsed_thenVariablesLabelsAndFunctionsAreNotNames() {
    String expr =
        "histogram_quantile(0.95, sum by (le, route_class) (rate(warden_route_seconds_bucket"
            + "{job=~\"$job\"}[$__rate_interval]))) and on(env) up{job=\"warden-worker\"} == 1"
            + " unless ignoring (instance) label_replace(x_total, \"a\", \"$1\", \"b\", \"(.*)\")";

    assertThat(PromQlNames.in(expr))
        .containsExactly("up", "warden_route_seconds_bucket", "x_total");
  }
}
