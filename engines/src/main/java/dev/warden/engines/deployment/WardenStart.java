package dev.warden.engines.deployment;

import org.springframework.boot.SpringApplication;

/**
 * Starts one of Warden's apps so that a failed start ends the process. Spring Boot logs why and
 * closes the context, but a thread a half-started context left (a scheduler, a Temporal poller)
 * would keep the JVM alive: a worker that cannot run would look alive to its supervisor and never
 * be restarted.
 */
public final class WardenStart {

  /** The exit code of a start that failed after Spring had logged its cause. */
  public static final int FAILED = 1;

  private WardenStart() {}

  /** Runs {@code app} with the development-defaults guard; exits {@value #FAILED} if it fails. */
  public static void run(SpringApplication app, String[] args) {
    // Outside local, development defaults (local keys, no approvals, plaintext) refuse the start.
    app.addListeners(new DevelopmentDefaultsGuard());
    try {
      app.run(args);
    } catch (RuntimeException failed) { // already logged by SpringApplication
      System.exit(FAILED);
    }
  }
}
