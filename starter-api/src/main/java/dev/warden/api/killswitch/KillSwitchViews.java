package dev.warden.api.killswitch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.api.json.MultiLine;
import dev.warden.engines.killswitch.KillSwitch;
import dev.warden.engines.killswitch.KillSwitchChange;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The kill-switch admin API's answers; scopes are shown as their set dimensions. */
final class KillSwitchViews {
  private KillSwitchViews() {}

  /** Body of {@code PUT /v1/kill-switches}; the scope's keys are checked, not silently dropped. */
  record ChangeRequest(
      @Size(max = 16) Map<String, @Size(max = 128) String> scope,
      @Size(max = 16) String state,
      @MultiLine @Size(max = 2_000) String reason,
      Instant expiresAt) {}

  /** An engaged switch. */
  record SwitchView(
      UUID switchId,
      String scopeKey,
      Map<String, String> scope,
      String reason,
      String engagedBy,
      Instant engagedAt,
      Instant expiresAt,
      String traceId) {

    static SwitchView of(KillSwitch s) {
      return new SwitchView(
          s.id(),
          s.scope().key(),
          s.scope().dimensions(),
          s.reason(),
          s.engagedBy(),
          s.engagedAt(),
          s.expiresAt(),
          s.traceId());
    }
  }

  /** One entry of the history. */
  record ChangeView(
      UUID changeId,
      UUID switchId,
      String scopeKey,
      Map<String, String> scope,
      String state,
      String reason,
      String actor,
      String traceId,
      Instant expiresAt,
      Instant changedAt) {

    static ChangeView of(KillSwitchChange c) {
      return new ChangeView(
          c.changeId(),
          c.switchId(),
          c.scope().key(),
          c.scope().dimensions(),
          c.state().name(),
          c.reason(),
          c.actor(),
          c.traceId(),
          c.expiresAt(),
          c.changedAt());
    }
  }

  /** What is engaged now and what changed lately, newest first. */
  record Overview(List<SwitchView> current, List<ChangeView> history) {}

  /** The answer to a PUT: the engaged switch, or the release that was recorded. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ChangeResult(
      String state, @JsonProperty("switch") SwitchView killSwitch, ChangeView change) {}
}
