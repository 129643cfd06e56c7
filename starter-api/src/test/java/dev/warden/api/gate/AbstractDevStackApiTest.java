package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.security.TestTokens;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.killswitch.CachedKillSwitches;
import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.testing.DevStackProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter-api on the real devstack servers, deployment env {@code prod}. The gate, kill-switch
 * and data tests extend it, so they share one application context.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractDevStackApiTest {

  @Autowired protected TestRestTemplate http;
  @Autowired protected KillSwitchService killSwitches;
  @Autowired protected CachedKillSwitches cachedKillSwitches;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
  }

  /**
   * The JDK's client: the Apache one TestRestTemplate would pick retries a 503 once after its
   * {@code Retry-After} (30 s here), which would hide what one request got.
   */
  @BeforeEach
  void plainHttpClient() {
    http.getRestTemplate().setRequestFactory(new JdkClientHttpRequestFactory());
    TestTokens.addTo(http.getRestTemplate());
  }

  /** Releases every engaged switch and makes this instance's cache see it before returning. */
  protected void releaseAllSwitches() {
    for (KillSwitch s : killSwitches.current()) {
      killSwitches.release(s.scope(), "test cleanup", "system:test", null);
    }
    cachedKillSwitches.refresh();
  }

  protected static void assertProblem(
      ResponseEntity<JsonNode> answer, HttpStatus status, String type) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getBody().get("type").asText()).isEqualTo(type);
    assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
  }
}
