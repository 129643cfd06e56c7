package dev.warden.api.gate;

import org.springframework.core.Ordered;

/**
 * One check a gated request passes before its handler runs. Gates run in {@link #getOrder()} order
 * (authentication has happened by then): kill switch, then rate limit, then quota. A gate that
 * refuses throws a {@link GateProblem}; returning means "go on".
 */
public interface Gate extends Ordered {

  int KILL_SWITCH = 100;
  int RATE_LIMIT = 200;
  int QUOTA = 300;

  void enforce(GateRequest request);
}
