package dev.warden.api.purge;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A route that fails the way a bug would: an exception no handler knows, with a library message. It
 * sits under {@code GET /v1/purges/{purgeId}}'s access rule, so a compliance token reaches it.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(FailingRoute.Controller.class)
class FailingRoute {
  static final String PATH = "/v1/purges/test-unexpected";

  static final String SECRET = "jdbc:postgresql://secret-host/db password=hunter2";

  @RestController
  static class Controller {
    @GetMapping(PATH)
    String fail() {
      throw new IllegalStateException(SECRET);
    }
  }
}
