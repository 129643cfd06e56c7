package dev.warden.api.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.WardenApiApplication;
import dev.warden.api.gate.AbstractDevStackApiTest;
import dev.warden.api.security.TestTokens;
import dev.warden.engines.testing.DevStackProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of the API on one database: a switch engaged or released through instance A is
 * enforced by instance B within the one-second bound, measured over HTTP on both sides.
 */
class KillSwitchPropagationApiIT extends AbstractDevStackApiTest {

  private static final Logger log = LoggerFactory.getLogger(KillSwitchPropagationApiIT.class);
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final int ROUNDS = 5;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext instanceB;
  private static int portB;

  @LocalServerPort int portA;

  @BeforeAll
  static void startSecondInstance() {
    // Command-line arguments, as they outrank the WARDEN_* defaults in application.yml.
    List<String> args = new ArrayList<>();
    DevStackProperties.register((name, value) -> args.add("--" + name + "=" + value.get()), "prod");
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    instanceB =
        new SpringApplicationBuilder(WardenApiApplication.class).run(args.toArray(String[]::new));
    portB = ((WebServerApplicationContext) instanceB).getWebServer().getPort();
  }

  @AfterAll
  static void stopSecondInstance() {
    if (instanceB != null) {
      instanceB.close();
    }
  }

  @Test
  void givenTwoInstances_whenASwitchIsEngagedAndReleasedOnA_thenBFollowsWithinOneSecond()
      throws Exception {
    releaseAllSwitches();
    assertThat(searchOnB()).isEqualTo(200);
    List<Delay> engage = new ArrayList<>();
    List<Delay> release = new ArrayList<>();

    for (int round = 0; round < ROUNDS; round++) {
      engage.add(changeOnAThenAwaitOnB("ENGAGED", 503));
      release.add(changeOnAThenAwaitOnB("RELEASED", 200));
    }

    log.info("Kill-switch propagation A -> B over HTTP: engage {} release {}", engage, release);
    assertThat(engage).allMatch(d -> d.fromSent().compareTo(BOUND) <= 0);
    assertThat(release).allMatch(d -> d.fromSent().compareTo(BOUND) <= 0);
  }

  /** From A's PUT sent, and from A's answer (the commit), to B's first answer that agrees. */
  record Delay(Duration fromSent, Duration fromCommitted) {
    @Override
    public String toString() {
      return "%d ms (%d ms after A answered)"
          .formatted(fromSent.toMillis(), fromCommitted.toMillis());
    }
  }

  /** Sends the change to A and polls B's gated route until it answers {@code expected}. */
  private Delay changeOnAThenAwaitOnB(String state, int expected) throws Exception {
    String body =
        """
        {"scope": {"tenantId": "acme", "action": "search"}, "state": "%s", "reason": "propagation test"}
        """
            .formatted(state);
    long sent = System.nanoTime();
    HttpResponse<String> change =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/v1/kill-switches"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestTokens.bearer(TestTokens.role("operator")))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long committed = System.nanoTime();
    assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
    long deadline = sent + BOUND.multipliedBy(3).toNanos();
    int status;
    do {
      status = searchOnB();
    } while (status != expected && System.nanoTime() < deadline);
    long seen = System.nanoTime();
    Delay delay = new Delay(Duration.ofNanos(seen - sent), Duration.ofNanos(seen - committed));
    assertThat(status).as("B after %s on A (%s)", state, delay).isEqualTo(expected);
    return delay;
  }

  private static int searchOnB() throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + portB + "/v1/tenants/acme/search?q=x"))
                .header("Authorization", TestTokens.bearer(TestTokens.tenant("acme")))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
