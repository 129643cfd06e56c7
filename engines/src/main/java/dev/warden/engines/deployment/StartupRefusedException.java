package dev.warden.engines.deployment;

import java.util.List;

/**
 * A start Warden refuses, with one line per reason under a {@code title}: development defaults
 * outside {@code local}, connection files it cannot use, a store refusing its credentials. {@link
 * StartupRefusedFailureAnalyzer} prints it as one message, without a stack trace.
 */
public final class StartupRefusedException extends RuntimeException {
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

  public String title() {
    return title;
  }

  public List<String> reasons() {
    return reasons;
  }
}
