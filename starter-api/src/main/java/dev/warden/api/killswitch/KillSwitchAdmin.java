package dev.warden.api.killswitch;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.killswitch.KillSwitchChange;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.killswitch.KillSwitchSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns admin requests into kill-switch changes and announces releases. */
@Service
class KillSwitchAdmin {

  static final Set<String> DIMENSIONS = Set.of("env", "tenantId", "provider", "action");

  private final KillSwitchService switches;
  private final ApplicationEventPublisher publisher;

  KillSwitchAdmin(KillSwitchService switches, ApplicationEventPublisher publisher) {
    this.switches = switches;
    this.publisher = publisher;
  }

  KillSwitchViews.ChangeResult change(KillSwitchViews.ChangeRequest body, RequestContext context) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with scope, state and reason is required");
    }
    KillSwitchSpec scope = scope(body.scope());
    String state = body.state();
    if (KillSwitchChange.State.ENGAGED.name().equals(state)) {
      return engage(scope, body.reason(), body.expiresAt(), context);
    }
    if (KillSwitchChange.State.RELEASED.name().equals(state)) {
      if (body.expiresAt() != null) {
        throw new IllegalArgumentException("expiresAt only applies to state ENGAGED");
      }
      return release(scope, body.reason(), context);
    }
    throw new IllegalArgumentException("state must be ENGAGED or RELEASED, was " + state);
  }

  /**
   * An absent scope is refused rather than read as global, and so is an unknown key: {@code
   * {"tenant": "acme"}} must not engage the global switch.
   */
  static KillSwitchSpec scope(Map<String, String> scope) {
    if (scope == null) {
      throw new IllegalArgumentException(
          "scope is required: {} for global, else any of " + DIMENSIONS);
    }
    for (String key : scope.keySet()) {
      if (!DIMENSIONS.contains(key)) {
        throw new IllegalArgumentException(
            "scope has an unknown dimension '%s'; allowed: env, tenantId, provider, action"
                .formatted(key));
      }
    }
    return KillSwitchSpec.parse(
        scope.get("env"), scope.get("tenantId"), scope.get("provider"), scope.get("action"));
  }

  private KillSwitchViews.ChangeResult engage(
      KillSwitchSpec scope, String reason, Instant expiresAt, RequestContext context) {
    var engaged = switches.engage(scope, reason, context.actor(), expiresAt, context.traceId());
    return new KillSwitchViews.ChangeResult(
        KillSwitchChange.State.ENGAGED.name(), KillSwitchViews.SwitchView.of(engaged), null);
  }

  private KillSwitchViews.ChangeResult release(
      KillSwitchSpec scope, String reason, RequestContext context) {
    KillSwitchChange released =
        switches
            .release(scope, reason, context.actor(), context.traceId())
            .orElseThrow(
                () ->
                    new WardenProblem(
                        ProblemTypes.KILL_SWITCH_NOT_FOUND,
                        HttpStatus.NOT_FOUND,
                        "no kill switch is engaged at scope " + scope.key(),
                        Map.of("scope", scope.dimensions())));
    publisher.publishEvent(new KillSwitchReleased(scope));
    return new KillSwitchViews.ChangeResult(
        released.state().name(), null, KillSwitchViews.ChangeView.of(released));
  }
}
