package dev.warden.devstack.auth;

import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts {@link AuthServerApplication} as its own Spring Boot app inside the current JVM. */
final class AuthServerLauncher {
  private AuthServerLauncher() {}

  static ConfigurableApplicationContext launch(int port, String issuer) {
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(AuthServerApplication.class)
            .web(WebApplicationType.SERVLET)
            .bannerMode(Banner.Mode.OFF)
            .registerShutdownHook(false) // the devstack stops it, in order
            .logStartupInfo(false);
    // Logging belongs to the JVM's owner (DevStackMain or a test's Spring app): a second Boot
    // app must not re-initialise it.
    List<ApplicationListener<?>> listeners =
        builder.application().getListeners().stream()
            .filter(l -> !(l instanceof LoggingApplicationListener))
            .toList();
    builder.application().setListeners(listeners);
    // Command-line arguments outrank everything; an own config name keeps the host app's
    // application.yml (server.port, datasource, …) away from this server.
    return builder.run(
        "--spring.config.name=warden-devstack-auth",
        "--server.address=127.0.0.1",
        "--server.port=" + port,
        "--spring.jmx.enabled=false",
        "--" + AuthServerApplication.ISSUER_PROPERTY + "=" + issuer);
  }
}
