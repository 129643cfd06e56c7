package dev.warden.api.purge;

import dev.warden.engines.tenant.Env;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * How many approvals a purge needs ({@code WARDEN_PURGE_APPROVALS}) and how long it waits for them
 * ({@code WARDEN_PURGE_APPROVAL_TIMEOUT}). Unset, approvals default to 0 in the {@code local} env
 * (one developer, no second user) and to 1 everywhere else. Bad values stop the API at startup.
 */
@Component
class ApprovalPolicy {

  static final String LOCAL_ENV = "local";
  static final int MAX_APPROVALS = 5;
  static final Duration MAX_TIMEOUT = Duration.ofDays(90);

  private final int approvals;
  private final Duration timeout;

  ApprovalPolicy(
      @Value("${warden.purge.approvals:}") String approvals,
      @Value("${warden.purge.approval-timeout:7d}") String timeout,
      Env deploymentEnv) {
    this.approvals = approvals(approvals, deploymentEnv);
    this.timeout = timeout(timeout);
  }

  /** Approvals a new real purge needs (dry runs need none). */
  int approvals() {
    return approvals;
  }

  Duration timeout() {
    return timeout;
  }

  static int approvals(String configured, Env env) {
    if (configured == null || configured.isBlank()) {
      return LOCAL_ENV.equals(env.value()) ? 0 : 1;
    }
    try {
      int n = Integer.parseInt(configured.strip());
      if (n < 0 || n > MAX_APPROVALS) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException bad) {
      throw new IllegalArgumentException(
          "WARDEN_PURGE_APPROVALS must be a number from 0 to "
              + MAX_APPROVALS
              + ", was '"
              + configured
              + "'");
    }
  }

  // The format of Warden's other durations (7d, 36h) or ISO-8601 (P7D), as Spring Boot reads them.
  static Duration timeout(String configured) {
    Duration parsed;
    try {
      parsed = DurationStyle.detectAndParse(configured.strip());
    } catch (IllegalArgumentException bad) {
      parsed = null;
    }
    if (parsed == null
        || parsed.compareTo(Duration.ofMinutes(1)) < 0
        || parsed.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "WARDEN_PURGE_APPROVAL_TIMEOUT must be a duration (7d, P7D) from 1m to "
              + MAX_TIMEOUT.toDays()
              + "d, was '"
              + configured
              + "'");
    }
    return parsed;
  }
}
