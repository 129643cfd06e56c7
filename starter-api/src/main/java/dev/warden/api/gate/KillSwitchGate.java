package dev.warden.api.gate;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.web.RefusalAudit;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.events.DatasetEventType;
import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchBlockedException;
import dev.warden.engines.killswitch.KillSwitchDecision;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchUnavailableException;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The first gate: refuses a request that an engaged kill switch covers with a 503 naming the
 * switch, records a KILL_SWITCH_BLOCKED event and counts it. When the switches cannot be known (the
 * cache is stale) it refuses too: fail closed, never allow.
 */
@Component
public class KillSwitchGate implements Gate {

  static final String RETRY_AFTER_BLOCKED = "30";
  static final String RETRY_AFTER_UNAVAILABLE = "5";

  private final KillSwitchEvaluator switches;
  private final RefusalAudit audit;
  private final MeterRegistry meters;

  KillSwitchGate(KillSwitchEvaluator switches, RefusalAudit audit, MeterRegistry meters) {
    this.switches = switches;
    this.audit = audit;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return KILL_SWITCH;
  }

  @Override
  public void enforce(GateRequest request) {
    enforce(
        request.env(), request.tenant(), request.action(), request.providers(), request.context());
  }

  /**
   * Returns when no engaged switch covers the request.
   *
   * @param tenant null when the request is for no tenant
   * @throws GateProblem 503 {@code kill-switch-engaged} (event and metric recorded) or 503 {@code
   *     kill-switch-unavailable}
   */
  public void enforce(
      Env env,
      TenantId tenant,
      KillSwitchAction action,
      List<Provider> providers,
      RequestContext context) {
    KillSwitchDecision decision;
    try {
      decision = switches.check(new KillSwitchQuery(env, tenant, providers, action));
    } catch (KillSwitchUnavailableException e) {
      meters
          .counter("warden.gate.unavailable", "action", action.id(), "gate", "kill_switch")
          .increment();
      throw unavailable(action, e);
    }
    if (decision.allowed()) {
      return;
    }
    KillSwitchBlockedException blocked = new KillSwitchBlockedException(decision);
    audit(env, tenant, action, providers, context, blocked);
    meters.counter("warden.gate.blocked", "action", action.id(), "gate", "kill_switch").increment();
    throw engaged(env, tenant, action, blocked.killSwitch());
  }

  private void audit(
      Env env,
      TenantId tenant,
      KillSwitchAction action,
      List<Provider> providers,
      RequestContext context,
      KillSwitchBlockedException blocked) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("action", action.id());
    attributes.put(
        "providers", providers.stream().map(Provider::value).collect(Collectors.joining(",")));
    attributes.putAll(blocked.attributes());
    // Counted per switch, action and window, not one row per refused call (RefusalAudit).
    audit.refused(
        DatasetEventType.KILL_SWITCH_BLOCKED,
        tenant == null ? null : tenant.value(),
        env.value(),
        context,
        attributes);
  }

  private static GateProblem engaged(
      Env env, TenantId tenant, KillSwitchAction action, KillSwitch s) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("scope", s.scope().dimensions());
    properties.put("switchId", s.id().toString());
    properties.put("reason", s.reason());
    properties.put("engagedBy", s.engagedBy());
    properties.put("engagedAt", s.engagedAt().toString());
    if (s.expiresAt() != null) {
      properties.put("expiresAt", s.expiresAt().toString());
    }
    properties.put("action", action.id());
    String detail =
        "%s%s in %s is stopped by kill switch %s: %s (engaged by %s at %s)"
            .formatted(
                action.id(),
                tenant == null ? "" : " for tenant " + tenant,
                env,
                s.scope().key(),
                s.reason(),
                s.engagedBy(),
                s.engagedAt());
    return new GateProblem(
        ProblemTypes.KILL_SWITCH_ENGAGED,
        HttpStatus.SERVICE_UNAVAILABLE,
        "Kill switch engaged",
        detail,
        properties,
        Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_BLOCKED));
  }

  private static GateProblem unavailable(
      KillSwitchAction action, KillSwitchUnavailableException e) {
    return new GateProblem(
        ProblemTypes.KILL_SWITCH_UNAVAILABLE,
        HttpStatus.SERVICE_UNAVAILABLE,
        "Kill switches unavailable",
        "%s refused: the kill switches cannot be checked (%s)"
            .formatted(action.id(), e.getMessage()),
        Map.of("action", action.id()),
        Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_UNAVAILABLE));
  }
}
