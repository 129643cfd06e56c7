package dev.warden.engines.deployment;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Refuses a start on connection files it cannot use ({@link ConnectionFiles}), and outside {@code
 * local} on development defaults ({@link DevelopmentDefaults}), before any client connects: the
 * apps' {@code main} adds it, once the environment is prepared and logging is set up. {@link
 * StartupRefusedFailureAnalyzer} prints the one message. Tests that build contexts on the devstack
 * (prod env, local keys) never run {@code main}, so never this.
 */
public final class DevelopmentDefaultsGuard
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  private static final Logger log = LoggerFactory.getLogger(DevelopmentDefaultsGuard.class);

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    List<String> files = ConnectionFiles.problems(event.getEnvironment());
    if (!files.isEmpty()) {
      throw new StartupRefusedException(
          "Warden cannot start: a connection names a file it cannot use:", files);
    }
    DeploymentSettings settings = DeploymentSettings.of(event.getEnvironment());
    // Warned on every start, refused or not: the allowance is what an operator must see.
    if (settings.allowPlaintext() && !"local".equals(settings.env())) {
      for (String plaintext : DevelopmentDefaults.plaintextRemotes(settings)) {
        log.warn("WARDEN_ALLOW_PLAINTEXT=true: {}", plaintext);
      }
    }
    List<String> offences = DevelopmentDefaults.offences(settings);
    if (!offences.isEmpty()) {
      throw new StartupRefusedException(
          "Warden refuses to start in env '" + settings.env() + "' on development defaults:",
          offences);
    }
  }

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
