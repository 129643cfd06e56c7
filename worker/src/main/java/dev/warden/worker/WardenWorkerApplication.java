package dev.warden.worker;

import dev.warden.engines.deployment.WardenStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Hosts the Temporal worker that runs purges; it serves no API of its own beyond actuator. */
@SpringBootApplication
public class WardenWorkerApplication {
  public static void main(String[] args) {
    WardenStart.run(new SpringApplication(WardenWorkerApplication.class), args);
  }
}
