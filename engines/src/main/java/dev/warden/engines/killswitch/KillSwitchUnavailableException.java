package dev.warden.engines.killswitch;

/**
 * The evaluator cannot vouch for its view of the switches: it has not loaded them yet, or its last
 * successful refresh is older than the allowed staleness (PostgreSQL unreachable). Callers must
 * treat this like a blocked request, never as "allowed": the API answers 503, a workflow step waits
 * and checks again.
 */
public class KillSwitchUnavailableException extends RuntimeException {

  public KillSwitchUnavailableException(String message) {
    super(message);
  }
}
