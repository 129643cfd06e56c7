package dev.warden.api.gate;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;

/**
 * One check a gated request passes before its handler does any work. The {@link GateChain} runs
 * gates in {@link #getOrder()} order (authentication has happened by then): kill switch, then the
 * tenant's purge lock, then rate limit, then quota. A gate that refuses throws a {@link
 * GateProblem}; returning means "go on".
 */
public interface Gate extends Ordered {

  int KILL_SWITCH = 100;
  int TENANT_LOCK = 150;
  int RATE_LIMIT = 200;
  int QUOTA = 300;

  void enforce(GateRequest request);

  /**
   * As {@link #enforce(GateRequest)}, for a gate that also tells an admitted request something in
   * its response headers (the rate limit's {@code RateLimit}). {@code response} may be null.
   */
  default void enforce(GateRequest request, HttpServletResponse response) {
    enforce(request);
  }
}
