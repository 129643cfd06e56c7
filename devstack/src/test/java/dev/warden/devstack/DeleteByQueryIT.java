package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The devstack's OpenSearch has the reindex module: {@code _delete_by_query} routed by tenant,
 * sliced, deletes exactly the tenant's documents and none of its neighbours' (a prefix neighbour
 * {@code acme-eu} shares the shard through routing).
 */
@WithDevStack
class DeleteByQueryIT {
  private static final String INDEX = "dbq-it";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void givenRoutedTenants_whenDeleteByQueryOfAcme_thenExactlyAcmesDocumentsGo(
      DevStackEndpoints endpoints) throws Exception {
    String url = endpoints.openSearchUrl();
    call(url, "DELETE", "/" + INDEX + "?ignore_unavailable=true", null);
    call(
        url,
        "PUT",
        "/" + INDEX,
        "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0},"
            + "\"mappings\":{\"properties\":{\"tenant_id\":{\"type\":\"keyword\"}}}}");
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String tenant = i % 3 == 0 ? "acme" : i % 3 == 1 ? "acme-eu" : "globex";
      bulk.append("{\"index\":{\"_id\":\"")
          .append(tenant)
          .append('-')
          .append(i)
          .append("\",\"routing\":\"")
          .append(tenant)
          .append("\"}}\n{\"tenant_id\":\"")
          .append(tenant)
          .append("\"}\n");
    }
    String bulkAnswer = call(url, "POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
    assertThat(bulkAnswer).contains("\"errors\":false");

    String answer =
        call(
            url,
            "POST",
            "/"
                + INDEX
                + "/_delete_by_query?routing=acme&slices=auto&refresh=true"
                + "&wait_for_completion=true&conflicts=proceed",
            "{\"query\":{\"term\":{\"tenant_id\":\"acme\"}}}");

    assertThat(number(answer, "deleted")).isEqualTo(100);
    assertThat(number(answer, "version_conflicts")).isZero();
    assertThat(count(url, "acme")).isZero();
    assertThat(count(url, "acme-eu")).isEqualTo(100);
    assertThat(count(url, "globex")).isEqualTo(100);
  }

  private static long count(String url, String tenant) throws Exception {
    String answer =
        call(
            url,
            "POST",
            "/" + INDEX + "/_count",
            "{\"query\":{\"term\":{\"tenant_id\":\"" + tenant + "\"}}}");
    return number(answer, "count");
  }

  private static long number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as("%s in %s", field, json).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String call(String url, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header(
                "Content-Type",
                path.contains("_bulk") ? "application/x-ndjson" : "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isBetween(200, 299);
    return response.body();
  }
}
