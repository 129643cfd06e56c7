package dev.warden.worker;

import dev.warden.engines.deployment.DevelopmentDefaultsGuard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Hosts the Temporal worker that runs purges; it serves no API of its own beyond actuator. */
@SpringBootApplication
public class WardenWorkerApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WardenWorkerApplication.class);
    // Outside local, development defaults (local keys, no approvals, plaintext) refuse the start.
    app.addListeners(new DevelopmentDefaultsGuard());
    app.run(args);
  }
}
