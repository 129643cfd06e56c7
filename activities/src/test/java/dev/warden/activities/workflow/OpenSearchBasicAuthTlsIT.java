package dev.warden.activities.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.activities.support.ActivityFixture;
import dev.warden.activities.support.TemporalFixture;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.config.WardenProperties;
import dev.warden.engines.deployment.StartupRefusedException;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.opensearch.OpenSearchAccessCheck;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.NginxProxy;
import dev.warden.engines.testing.TestCertificates;
import dev.warden.workflows.contract.PurgeOutcome;
import dev.warden.workflows.contract.PurgeStatus;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * OpenSearch behind TLS with a CA of its own and basic auth (nginx with {@code auth_basic} in front
 * of the devstack's cluster): a purge completes through it with {@code
 * WARDEN_OPENSEARCH_AUTH=basic} and {@code WARDEN_OPENSEARCH_CA_FILE}; a wrong password or an
 * untrusted certificate stop the app's start with one line, and a purge step fails rather than
 * finding nothing.
 */
@ExtendWith(DevStackExtension.class)
class OpenSearchBasicAuthTlsIT {
  static final String USER = "warden";
  static final String PASSWORD = "s3cret-" + UUID.randomUUID();

  @TempDir static Path dir;
  static TestCertificates certs;
  static NginxProxy nginx;

  @BeforeAll
  static void proxy() throws Exception {
    certs = TestCertificates.create(dir);
    Files.writeString(dir.resolve("htpasswd"), USER + ":" + apr1(PASSWORD) + "\n");
    Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    int openSearch = URI.create(DevStackExtension.endpoints().openSearchUrl()).getPort();
    nginx =
        NginxProxy.start(
            dir,
            "ssl",
            """
            ssl_certificate %DIR%/server.pem;
            ssl_certificate_key %DIR%/server.key;
            location / {
              auth_basic "opensearch";
              auth_basic_user_file %DIR%/htpasswd;
              proxy_set_header Authorization "";
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_pass http://127.0.0.1:%OS%;
            }
            """
                .replace("%OS%", Integer.toString(openSearch)));
  }

  @AfterAll
  static void stop() throws Exception {
    nginx.close();
  }

  static WardenProperties.OpenSearch settings(String password, Path ca) {
    return new WardenProperties.OpenSearch(
        "https://127.0.0.1:" + nginx.port(),
        "basic",
        USER,
        null,
        password,
        password == null ? dir.resolve("password").toString() : null,
        ca == null ? null : ca.toString(),
        "es",
        null);
  }

  @Test
  void givenBasicAuthOverTls_whenATenantIsPurged_thenItCompletesThroughTheProxy() throws Exception {
    try (ActivityFixture stores = new ActivityFixture();
        TemporalFixture temporal = new TemporalFixture()) {
      String tenant = "tls-" + UUID.randomUUID().toString().substring(0, 8);
      seed(stores.openSearch, tenant, 120);
      seed(stores.openSearch, tenant + "-eu", 10);
      WardenProperties.OpenSearch settings = settings(null, certs.ca);
      OpenSearchClient client = OpenSearchClients.create(settings);
      new OpenSearchAccessCheck(client, settings).afterSingletonsInstantiated();
      TenantIndexStore throughProxy = new TenantIndexStore(client);
      WorkerFactory worker = temporal.worker(stores.activities(Env.of("prod"), 25, throughProxy));

      PurgeOutcome outcome = temporal.purge("it-os-tls/" + tenant).purge(stores.admitPurge(tenant));
      worker.shutdownNow();

      assertThat(outcome.status()).isEqualTo(PurgeStatus.COMPLETED);
      assertThat(outcome.receipt().residue().nothingLeft()).isTrue();
      assertThat(stores.index.count(TenantId.of(tenant), "docs-prod")).isZero();
      assertThat(stores.index.count(TenantId.of(tenant + "-eu"), "docs-prod")).isEqualTo(10);
      // The purge's calls went through nginx, authenticated as Warden's user.
      assertThat(Files.readString(dir.resolve("access.log")))
          .contains(" - " + USER + " [")
          .contains("POST /_bulk");
    }
  }

  @Test
  void givenAWrongPassword_whenTheAppStartsOrAStepCounts_thenRefusedNeverNothingFound()
      throws Exception {
    WardenProperties.OpenSearch settings = settings("not-the-password", certs.ca);
    OpenSearchClient client = OpenSearchClients.create(settings);

    assertThatThrownBy(
            () -> new OpenSearchAccessCheck(client, settings).afterSingletonsInstantiated())
        .isInstanceOfSatisfying(
            StartupRefusedException.class,
            e ->
                assertThat(e.reasons())
                    .containsExactly(
                        "WARDEN_OPENSEARCH_AUTH=basic: OpenSearch at https://127.0.0.1:"
                            + nginx.port()
                            + " refused Warden's credentials (401)"));
    assertThatThrownBy(() -> new TenantIndexStore(client).count(TenantId.of("acme"), "docs-prod"))
        .isNotNull();
  }

  @Test
  void givenACertificateOfAnotherCa_whenTheAppStarts_thenRefusedAsUntrusted() throws Exception {
    WardenProperties.OpenSearch settings = settings(PASSWORD, certs.otherCa());

    assertThatThrownBy(
            () ->
                new OpenSearchAccessCheck(OpenSearchClients.create(settings), settings)
                    .afterSingletonsInstantiated())
        .isInstanceOfSatisfying(
            StartupRefusedException.class,
            e ->
                assertThat(e.reasons())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "WARDEN_OPENSEARCH_CA_FILE: the certificate of OpenSearch at"
                            + " https://127.0.0.1:"
                            + nginx.port()
                            + " is not trusted"));
  }

  private static String apr1(String password) throws Exception {
    Process p = new ProcessBuilder("openssl", "passwd", "-apr1", password).start();
    String hash = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return hash;
  }

  private static void seed(OpenSearchClient search, String tenant, int count) throws Exception {
    if (!search.indices().exists(e -> e.index("docs-prod")).value()) {
      try {
        search
            .indices()
            .create(
                c ->
                    c.index("docs-prod")
                        .mappings(
                            m ->
                                m.properties("tenant_id", p -> p.keyword(k -> k))
                                    .properties("text", p -> p.text(t -> t))));
      } catch (OpenSearchException raced) {
        // another test created it meanwhile
      }
    }
    List<BulkOperation> ops = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      String id = tenant + ":" + n;
      Map<String, Object> doc = Map.of("tenant_id", tenant, "text", "document " + n);
      ops.add(
          BulkOperation.of(
              o -> o.index(i -> i.index("docs-prod").id(id).routing(tenant).document(doc))));
    }
    search.bulk(b -> b.operations(ops));
    search.indices().refresh(r -> r.index("docs-prod"));
  }
}
