package dev.warden.engines.deployment;

import java.util.List;
import org.springframework.boot.ExitCodeGenerator;

/**
 * A start Warden refuses, with one line per reason under a {@code title}: development defaults
 * outside {@code local}, connection files it cannot use, a store refusing its credentials. {@link
 * StartupRefusedFailureAnalyzer} prints it as one message, without a stack trace; as an {@link
 * ExitCodeGenerator} it makes the JVM exit with code 2 even while threads of a half-built context
 * run.
 */
public final class StartupRefusedException extends RuntimeException implements ExitCodeGenerator {
  private final String title;
  private final List<String> reasons;

  public StartupRefusedException(String title, List<String> reasons) {
    this(title, reasons, null);
  }

  public StartupRefusedException(String title, List<String> reasons, Throwable cause) {
    super(title + " " + String.join("; ", reasons), cause);
    this.title = title;
    this.reasons = List.copyOf(reasons);
  }

  @Override
  public int getExitCode() {
    return 2;
  }

  public String title() {
    return title;
  }

  public List<String> reasons() {
    return reasons;
  }
}
