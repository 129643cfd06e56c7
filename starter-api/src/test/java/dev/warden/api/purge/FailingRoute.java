package dev.warden.api.purge;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A route that fails the way a bug would: an exception no handler knows, with a library message.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(FailingRoute.Controller.class)
class FailingRoute {

  static final String SECRET = "jdbc:postgresql://secret-host/db password=hunter2";

  @RestController
  static class Controller {
    @GetMapping("/test/unexpected")
    String fail() {
      throw new IllegalStateException(SECRET);
    }
  }
}
