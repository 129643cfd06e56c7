package dev.warden.api.purge;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.testing.DevStackProperties;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API with an in-process worker on the real devstack servers, deployment env {@code prod}. The
 * purge tests extend it, so they share one application context.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({InProcessWorker.class, FailingRoute.class})
abstract class AbstractPurgeApiTest {

  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
  }

  /** The JDK's client: Apache's would silently retry a 503 after its Retry-After. */
  @BeforeEach
  void plainHttpClient() {
    http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
    TestTokens.addTo(http.getRestTemplate());
  }

  /**
   * Re-opens a tenant a test purged (operator route), so later tests may write for it again; a
   * tenant nothing locked answers 409, which is fine here.
   */
  void reopen(String tenant) {
    var answer =
        http.postForEntity(
            "/v1/tenants/{t}/reopen",
            java.util.Map.of("reason", "test cleanup"),
            JsonNode.class,
            tenant);
    org.assertj.core.api.Assertions.assertThat(answer.getStatusCode().value())
        .as("%s", answer.getBody())
        .isIn(200, 409);
  }

  JsonNode awaitStatus(String purgeId, String status) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> http.getForObject("/v1/purges/" + purgeId, JsonNode.class),
            p -> status.equals(p.get("status").asText()));
  }
}
