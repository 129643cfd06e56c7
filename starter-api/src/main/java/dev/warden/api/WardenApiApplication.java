package dev.warden.api;

import dev.warden.engines.deployment.WardenStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The API compliance and tenant clients call; it starts workflows but never runs a worker. */
@SpringBootApplication
public class WardenApiApplication {
  public static void main(String[] args) {
    WardenStart.run(new SpringApplication(WardenApiApplication.class), args);
  }
}
