package dev.warden.engines.deployment;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as one message listing every reason, no stack trace. */
public final class StartupRefusedFailureAnalyzer
    extends AbstractFailureAnalyzer<StartupRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, StartupRefusedException cause) {
    StringBuilder description = new StringBuilder(cause.title());
    for (String reason : cause.reasons()) {
      description.append(System.lineSeparator()).append("  - ").append(reason);
    }
    return new FailureAnalysis(
        description.toString(),
        "Set each of them for this deployment (docs/operations.md, \"Deploying to production\"),"
            + " or run with WARDEN_ENV=local on one machine.",
        cause);
  }
}
