package dev.warden.api;

import dev.warden.engines.deployment.DevelopmentDefaultsGuard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The API compliance and tenant clients call; it starts workflows but never runs a worker. */
@SpringBootApplication
public class WardenApiApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WardenApiApplication.class);
    // Outside local, development defaults (local keys, no approvals, plaintext) refuse the start.
    app.addListeners(new DevelopmentDefaultsGuard());
    app.run(args);
  }
}
