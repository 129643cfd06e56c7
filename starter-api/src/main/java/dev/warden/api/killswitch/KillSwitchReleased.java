package dev.warden.api.killswitch;

import dev.warden.engines.killswitch.KillSwitchSpec;

/**
 * Published (as a Spring payload event) after a switch was released through this instance's API, so
 * waiting work such as blocked purges can re-check at once instead of at its next poll. Releases by
 * expiry or through another instance are not announced here.
 */
public record KillSwitchReleased(KillSwitchSpec scope) {}
